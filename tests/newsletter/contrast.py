"""Text colour against its background, in the light and the dark scheme, read from an email.

Light: each element's inline style (premailer inlined the template's first ``<style>`` block),
colour and background inherited from the nearest ancestor that sets one (``bgcolor`` too).
Dark: the rules of the kept ``@media (prefers-color-scheme: dark)`` block (class selectors with
``!important``) override the inline values of the elements they match; everything else keeps
its light value, which is how a red link on a dark card happens. The WCAG 2 formula is written
out here, independently of the code under test.

``python -m tests.newsletter.contrast`` prints the table for the default brand colours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html

SCHEMES = ("light", "dark")


@dataclass(frozen=True)
class Pair:
    scheme: str
    element: str  # class name, or tag when it has none
    foreground: str
    background: str
    large: bool  # 18px+ bold or 24px+: 3:1 is enough

    @property
    def ratio(self) -> float:
        def lum(colour: str) -> float:
            value = colour.lstrip("#")
            if len(value) == 3:
                value = "".join(c * 2 for c in value)
            chans = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
            r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in chans)
            return 0.2126 * r + 0.7152 * g + 0.0722 * b

        high, low = sorted((lum(self.foreground), lum(self.background)), reverse=True)
        return (high + 0.05) / (low + 0.05)

    @property
    def required(self) -> float:
        return 3.0 if self.large else 4.5


def declarations(text: str) -> dict[str, str]:
    out = {}
    for part in text.split(";"):
        key, _, value = part.partition(":")
        if value.strip():
            out[key.strip().lower()] = value.replace("!important", "").strip().lower()
    return out


def dark_rules(html: str) -> dict[str, dict[str, str]]:
    """Class name -> declarations, from the dark-scheme media block (simple selectors only)."""
    start = html.index("@media (prefers-color-scheme: dark)")
    body: list[str] = []
    depth = 0
    for char in html[html.index("{", start) :]:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            break
        body.append(char)
    rules: dict[str, dict[str, str]] = {}
    for selectors, block in re.findall(r"([^{}]+)\{([^{}]*)\}", "".join(body)[1:]):
        for selector in selectors.split(","):
            selector = selector.strip()
            if not re.fullmatch(r"\.[\w-]+", selector):
                raise ValueError(f"dark-mode selector {selector!r}: only .class is understood")
            rules.setdefault(selector[1:], {}).update(declarations(block))
    return rules


def _px(value: str | None) -> float:
    match = re.match(r"([\d.]+)px", value or "")
    return float(match.group(1)) if match else 16.0


def colour_pairs(html: str) -> list[Pair]:
    """Every text colour against its background, once per (scheme, element, colours)."""
    rules = dark_rules(html)
    root = lxml.html.fromstring(html)
    body = root.find("body")
    assert body is not None
    found: dict[tuple[str, str, str, str], Pair] = {}

    def walk(el: lxml.html.HtmlElement, inherited: dict[str, dict[str, str]]) -> None:
        own = declarations(el.get("style", ""))
        if own.get("display") == "none":
            return
        state = {}
        for scheme in SCHEMES:
            values = dict(inherited[scheme])
            for key in ("color", "background-color", "font-size", "font-weight"):
                if key in own:
                    values[key] = own[key]
            if el.get("bgcolor") and "background-color" not in own:
                values["background-color"] = el.get("bgcolor").lower()
            if el.tag in ("h1", "h2", "h3", "strong", "b"):
                values.setdefault("font-weight", "bold")
            if scheme == "dark":
                for name in (el.get("class") or "").split():
                    for key in ("color", "background-color"):
                        if key in rules.get(name, {}):
                            values[key] = rules[name][key]
            state[scheme] = values
        texts = [el.text or ""] + [child.tail or "" for child in el]
        if any(t.strip() for t in texts):
            parent = el.getparent()
            outer = (parent.get("class") or "").split()[:1] if parent is not None else []
            label = (el.get("class") or " ".join([*outer, el.tag])).split(" ")[0]
            for scheme, values in state.items():
                size = _px(values.get("font-size"))
                bold = values.get("font-weight") in ("bold", "700", "800", "900")
                pair = Pair(
                    scheme,
                    label,
                    values["color"],
                    values["background-color"],
                    size >= 24 or (size >= 18 and bold),
                )
                found.setdefault((scheme, label, pair.foreground, pair.background), pair)
        for child in el:
            if isinstance(child.tag, str):
                walk(child, state)

    start = {"color": "#000000", "background-color": "#ffffff"}
    walk(body, {"light": dict(start), "dark": dict(start)})
    return list(found.values())


def table(pairs: list[Pair]) -> str:
    """One row per element: text on background and ratio, light then dark."""
    rows: dict[str, dict[str, list[Pair]]] = {}
    for pair in pairs:
        rows.setdefault(pair.element, {}).setdefault(pair.scheme, []).append(pair)
    lines = ["| element | light | dark | needs |", "|---|---|---|---|"]
    for element in sorted(rows):

        def cell(scheme: str, element: str = element) -> str:
            return "; ".join(
                f"{p.foreground} on {p.background}: {p.ratio:.2f}"
                for p in rows[element].get(scheme, [])
            )

        needs = min(p.required for ps in rows[element].values() for p in ps)
        lines.append(f"| {element} | {cell('light')} | {cell('dark')} | {needs:.1f} |")
    return "\n".join(lines)


def sample_html() -> str:
    """Every part of the email: logo, images, sections, lead, shortened items, More stories."""
    from digest.newsletter.render import render_digest
    from digest.pipeline.stages import brand_from
    from digest.settings import load_settings
    from tests.newsletter.realistic import real_digest

    settings = load_settings(
        env_file=None, sections="source", html_budget_bytes=60_000, logo_url="https://x.test/l.png"
    )
    rendered = render_digest(real_digest(40), brand_from(settings), settings.templates_dir)
    return rendered.personalize(name="Ann", email="ann@example.com").html


if __name__ == "__main__":
    print(table(colour_pairs(sample_html())))
