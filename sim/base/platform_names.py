"""Platform names as each platform spells them ("Instagram", "LinkedIn", "TikTok"), for every
surface a client reads; a scenario file keeps the lower-case key (``platform = "instagram"``)."""

from __future__ import annotations

NAMES = {
    "instagram": "Instagram",
    "facebook": "Facebook",
    "linkedin": "LinkedIn",
    "tiktok": "TikTok",
    "x": "X (Twitter)",
    "twitter": "X (Twitter)",
}


def platform_name(key: str) -> str:
    """``"instagram"`` -> ``"Instagram"``; a key not listed comes back as it is."""
    return NAMES.get(str(key).lower(), str(key))
