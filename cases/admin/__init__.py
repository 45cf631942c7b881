"""Django admin for accounts and offices (システム管理者): lock state and unlock, TOTP reset, terminals.

One module per area: the sign-in pages (site), accounts (users, user_forms, user_changes), role grants,
offices, login attempts (logins), and the engine's rows (jobs); every page with a date shows it through
dates (和暦, as the desk's screens). Importing them registers their pages.
"""

from cases.admin import jobs, logins, offices, role_grants, site, users  # noqa: F401 - registers the pages
from cases.security import group_admin  # noqa: F401 - registers the group pages
