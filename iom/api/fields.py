"""Related fields that only accept rows of the requesting user's scheme."""

from rest_framework import serializers

from iom.access import staff_of


def request_scheme(serializer_or_field):
    staff = staff_of(serializer_or_field.context["request"].user)
    return staff.scheme if staff is not None else None


class SchemeCodeField(serializers.SlugRelatedField):
    """An area or level named by its code within the user's scheme (e.g. area "N")."""

    def __init__(self, label, **kwargs):
        kwargs.setdefault(
            "error_messages",
            {
                "does_not_exist": f"No {label} with code '{{value}}' in your scheme",
                "invalid": f"Enter the {label} code as text",
            },
        )
        super().__init__(slug_field="code", **kwargs)

    def get_queryset(self):
        return self.queryset.filter(scheme=request_scheme(self))


class SchemeAgencyField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "does_not_exist": "No agency with id {pk_value} in your scheme",
        "incorrect_type": "Enter the agency id as a number",
    }

    def get_queryset(self):
        return self.queryset.filter(scheme=request_scheme(self))


class SchemeStaffField(serializers.SlugRelatedField):
    """A user named by username who works in the user's scheme (optionally for some agencies)."""

    def __init__(self, who="member of staff", agency_kinds=None, **kwargs):
        self.agency_kinds = agency_kinds
        kwargs.setdefault(
            "error_messages",
            {
                "does_not_exist": f"No {who} with username '{{value}}' in your scheme",
                "invalid": "Enter a username",
            },
        )
        super().__init__(slug_field="username", **kwargs)

    def get_queryset(self):
        users = self.queryset.filter(staff__scheme=request_scheme(self), is_active=True)
        if self.agency_kinds:
            users = users.filter(staff__agency__kind__in=self.agency_kinds)
        return users
