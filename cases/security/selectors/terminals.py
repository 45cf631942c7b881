"""Which networks a request may come from: the user's office's, or (before login) any office's."""

from cases.security.models.offices import Office
from cases.security.models.users import User
from cases.security.terminals import Network, networks_parse, networks_union


def login_networks() -> tuple[Network, ...] | None:
    """Before login we do not know the office: an address no office may use is refused outright.
    None (unrestricted) as soon as one office has no restriction."""
    return networks_union(Office.objects.values_list("allowed_networks", flat=True))


def user_networks(user: User) -> tuple[Network, ...] | None:
    if user.office_id is None:
        # Superusers without an office: the same rule as the login screen.
        return login_networks()
    return networks_parse(user.office.allowed_networks)
