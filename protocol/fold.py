"""Vietnamese text folded for searching, the same on the kiosk and the server: lower case,
no diacritics, "đ" → "d". "Nguyễn Thị Lan" and "nguyen thi lan" fold alike."""

import unicodedata


def fold(text: str) -> str:
    """Lower case without diacritics: "Đất Đai" → "dat dai"."""
    text = text.lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
