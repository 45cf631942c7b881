import unicodedata


def normalize_digits(value: str) -> str:
    """Full-width digits to ASCII; spaces and hyphens (any width) removed."""
    folded = unicodedata.normalize("NFKC", value)
    return "".join(ch for ch in folded if ch not in " -‐‑–—―ー")
