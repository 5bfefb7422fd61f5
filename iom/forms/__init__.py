"""Forms for the pages: GOV.UK Design System markup, the services' rules for what is valid."""
