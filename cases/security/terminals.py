"""利用端末の管理: which address a request comes from, and whether that address may use the system.

Offices list the networks of their managed terminals (CIDRs, one a line); a blank list is unrestricted.
"""

import ipaddress
import logging
from collections.abc import Iterable, Mapping
from functools import lru_cache

from django.utils.translation import gettext as _

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
logger = logging.getLogger(__name__)


def address_normalize(value: str) -> str:
    """A canonical address, or "" when the value is not one (IPv4-mapped IPv6 becomes IPv4)."""
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return ""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return str(address)


def networks_from_list(cidrs: Iterable[str]) -> tuple[Network, ...]:
    """The proxy networks of NENKIN_TRUSTED_PROXIES (checked at start-up by the settings)."""
    return _networks(tuple(cidrs))


@lru_cache(maxsize=16)
def _networks(cidrs: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(cidr.strip(), strict=False) for cidr in cidrs if cidr.strip())


def _in(address: str, networks: tuple[Network, ...]) -> bool:
    return bool(address) and address_allowed(address, networks)


def client_address(meta: Mapping[str, str], *, trusted: tuple[Network, ...]) -> str:
    """The client's address. X-Forwarded-For is believed only when the connection comes from one of our
    own proxies (``trusted``), and only as far as our proxies wrote it.

    Each proxy appends the address it received the request from. Walking the header from the right,
    every address inside the proxy networks is one of ours; the first address outside them is the
    client. Anything further left was written by the client and may be forged. A client that reaches
    the application directly (its address is not a proxy's) is taken at its connection's address,
    whatever header it sends.
    """
    peer = address_normalize(meta.get("REMOTE_ADDR", ""))
    if not trusted or not _in(peer, trusted):
        return peer
    hops = [item.strip() for item in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if item.strip()]
    current = peer
    for hop in reversed(hops):
        address = address_normalize(hop)
        if not address:
            # Garbage written by someone: the last address a proxy of ours vouched for.
            return current
        if not _in(address, trusted):
            return address
        current = address
    return current


def network_parse_line(line: str) -> Network:
    """One CIDR (or a bare address). Raises ValueError with a message in the screen language (the
    admin's office form shows it)."""
    text = line.strip()
    try:
        return ipaddress.ip_network(text, strict=True)
    except ValueError as exc:
        try:
            ipaddress.ip_network(text, strict=False)
        except ValueError:
            raise ValueError(
                _("「%(text)s」はネットワークアドレス (例: 10.20.0.0/16) として読み取れません。")
                % {"text": text}
            ) from exc
        raise ValueError(
            _("「%(text)s」はホスト部が 0 ではありません (例: 10.20.30.0/24 のように書いてください)。")
            % {"text": text}
        ) from exc


# The broadest network one office's terminals may be given: a /16 is 65,536 IPv4 addresses, a /48 the
# usual IPv6 site allocation. Anything broader (0.0.0.0/0 at worst) no longer restricts anything, and
# every address in it would count as an office address, which the address lockout spares.
BROADEST_PREFIX = {4: 16, 6: 48}


def network_too_broad(network: Network) -> str:
    """The refusal (screen language) for a network broader than BROADEST_PREFIX; "" when it is not."""
    limit = BROADEST_PREFIX[network.version]
    if network.prefixlen >= limit:
        return ""
    return _(
        "「%(network)s」は範囲が広すぎます。端末のネットワークのプレフィックス長は IPv4 で /%(v4)d 以上、"
        "IPv6 で /%(v6)d 以上にしてください (例: 10.20.0.0/16)。"
    ) % {"network": network, "v4": BROADEST_PREFIX[4], "v6": BROADEST_PREFIX[6]}


@lru_cache(maxsize=256)
def networks_parse(text: str) -> tuple[Network, ...] | None:
    """None when unrestricted (blank). A line that cannot be read restricts rather than opens."""
    lines = [line.split("#", 1)[0].strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return None
    networks = []
    for line in lines:
        try:
            networks.append(network_parse_line(line))
        except ValueError:
            logger.warning("ignoring an unreadable allowed network: %r", line)
    return tuple(networks)


def networks_union(texts: Iterable[str]) -> tuple[Network, ...] | None:
    """The networks any of the offices allows; None when one of them is unrestricted (or none exist)."""
    union: list[Network] = []
    seen_any = False
    for text in texts:
        seen_any = True
        networks = networks_parse(text)
        if networks is None:
            return None
        union.extend(networks)
    return tuple(union) if seen_any else None


def address_allowed(address: str, networks: tuple[Network, ...] | None) -> bool:
    if networks is None:
        return True
    if not address:
        return False
    ip = ipaddress.ip_address(address)
    return any(ip.version == net.version and ip in net for net in networks)
