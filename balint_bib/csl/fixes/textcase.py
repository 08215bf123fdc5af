"""Case-protected text through `text-case="lowercase"` and `"uppercase"`.

citeproc-py lower- and upper-cased every segment of a string, the case-protected ones
(`<span class="nocase">`) too; citeproc-js leaves them as they are ("a Smith pencil").
"""

from __future__ import annotations

from typing import Any

from citeproc.string import MixedString, NoCase


class ProtectedCase:
    """on TextCased: lowercase and uppercase leave case-protected segments alone."""

    def case(self: Any, text: Any, language: str | None = None) -> Any:
        text_case = self.get("text-case")
        if text_case in ("lowercase", "uppercase") and isinstance(text, (MixedString, NoCase)):
            segments = list(text) if isinstance(text, MixedString) else [text]
            changed = [s if isinstance(s, NoCase)
                       else (s.lower() if text_case == "lowercase" else s.upper())
                       for s in segments]
            return MixedString(changed) if isinstance(text, MixedString) else changed[0]
        return super().case(text, language)  # type: ignore[misc]
