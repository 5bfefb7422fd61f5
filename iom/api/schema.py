"""OpenAPI shapes every endpoint shares: the error bodies, and the 400/401/403/404 answers an
operation can give without saying so in its own annotations (iom.api.schema.AutoSchema)."""

from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiResponse

MESSAGES = {"type": "array", "items": {"type": "string"}}

# A 400 names each field with its messages; a list field's items are named by their index.
# A body that is not JSON at all is answered {"detail": "..."}.
FIELD_ERRORS = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": {
        "anyOf": [MESSAGES, {"type": "object", "additionalProperties": MESSAGES}]
    },
    "example": {"date_of_birth": ["The date of birth cannot be in the future"]},
}
DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}


def field_errors(description="Bad input: each field named with its messages"):
    return OpenApiResponse(response=FIELD_ERRORS, description=description)


def detail(description):
    return OpenApiResponse(response=DETAIL, description=description)


UNAUTHENTICATED = detail("No credentials: sign in, or send the header `Authorization: Token <key>`")
FORBIDDEN = detail(
    "Not allowed: the account is not staff of a scheme, its role may not do this, or (with a "
    "session) the second sign-in factor is missing"
)
NOT_FOUND = detail("No such record, or not one this user may see")


class AutoSchema(openapi.AutoSchema):
    """Adds the answers every operation may give: 401 and 403 always, 404 with an id in the
    path, 400 on writes (unless the operation's annotations already describe them)."""

    def _resolve_path_parameters(self, variables):
        """Ids in paths are digits only (the URL patterns match nothing else)."""
        parameters = super()._resolve_path_parameters(variables)
        for parameter in parameters:
            if parameter["schema"].get("type") == "integer":
                parameter["schema"]["minimum"] = 0
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        defaults = {"401": UNAUTHENTICATED, "403": FORBIDDEN}
        if "{" in self.path:
            defaults["404"] = NOT_FOUND
        if self.method in ("POST", "PUT", "PATCH"):
            defaults["400"] = field_errors()
        for code, response in defaults.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code, None, direction)
        return responses
