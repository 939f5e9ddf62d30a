"""Which lines of a page are boilerplate, judged one line at a time.

Two kinds of rule:

* line shape: punctuation only ("|"), a bare link, a menu ("World | Politics |
  Sport"), a breadcrumb ("Home » World » Africa"), a row of social networks;
* families of widget phrases, written as general patterns and applied only to
  short lines: share, subscribe/newsletter, related/more/read-more promos,
  comments, tags, cookies, advertising, copyright, follow-us, site navigation
  and photo credits.

`page.py` decides what to do with a line in context (header, body, tail).
"""

from __future__ import annotations

import re

# family -> (most words a line of that family may have, whole-line alternatives)
_FAMILIES: dict[str, tuple[int, tuple[str, ...]]] = {
    "share": (
        8,
        (
            r"share",
            r"share (?:this|the)(?: \w+)?",
            r"share (?:on|via|to|with) .+",
            r"click to share\b.*",
            r"(?:tweet|email|print|copy link)(?: this(?: \w+)?)?",
        ),
    ),
    "subscribe": (
        20,
        (
            r"(?:subscribe|sign[ -]?up|register|get|receive|join)\b.*\b(?:newsletters?|briefings?"
            r"|bulletins?|digest|alerts|updates|inbox|mailing list|e-?mails?)\b.*",
            r"subscribe(?: now| today| here)?",
            r"newsletters?",
            r"sign[ -]?up",
        ),
    ),
    "related": (
        25,
        (
            r"related(?: (?:topics?|articles?|stories|posts?|news|content|coverage|links?))?",
            r"more (?:news|stories|articles|headlines|videos?|top stories|like this)",
            r"more (?:from|on this|on the)\b.*",
            r"(?:read (?:more|next|also|further)|also read|see also|don'?t miss)\b.*",
            r"you (?:may|might) (?:also )?(?:like|enjoy|be interested in)\b.*",
            r"recommended(?: for you| stories| articles| reading)?",
            r"(?:the )?most (?:read|popular|viewed|shared)\b.*",
            r"trending(?: now| stories| news)?",
            r"top stories|latest (?:news|stories|headlines|articles)",
            r"further reading|editor'?s'? picks?|what to read next",
        ),
    ),
    "comments": (
        12,
        (
            r"(?:leave|post|add|write|view|show|hide|load|read) (?:a |the |all |your |\d+ )?"
            r"(?:comments?|repl(?:y|ies)|responses?)",
            r"\d+ (?:comments?|repl(?:y|ies))",
            r"comments?(?: \(\d+\))?",
            r"join the (?:conversation|discussion|debate)|comments are closed|have your say",
            r"(?:be the first to comment|you must be logged in)\b.*",
        ),
    ),
    "tags": (
        40,
        (
            r"(?:tags?|tagged(?: with| as)?|topics?|filed under|categories|category|keywords)"
            r"(?: ?:.*)?",
        ),
    ),
    "cookies": (
        45,
        (
            r"(?=.*\bcookies?\b)"
            r"(?=.*\b(?:use|uses|accept|consent|policy|settings|preferences|continuing|agree)\b).*",
            r"(?:accept|reject|decline)(?: all)?(?: cookies)?",
            r"manage (?:cookies|preferences|consent)",
        ),
    ),
    "advertising": (
        10,
        (
            r"advertisements?|advertising|advertisement feature|ads?",
            r"sponsored(?: content| links?| stories| by\b.*)?",
            r"promoted(?: content| stories)?|paid (?:content|post|partnership)",
            r"(?:story|article) continues (?:below|after)\b.*",
            r"continue reading(?: below| the main story)?",
            r"scroll (?:down )?to continue\b.*|skip advert(?:isement)?",
        ),
    ),
    "copyright": (30, (r"(?:copyright|©|\(c\))(?:\W|\d).*", r".*\ball rights reserved\b.*")),
    "follow": (
        15,
        (
            r"(?:follow|like|find|connect with) (?:us|@\w+)\b.*",
            r"follow [\w .]+ on (?:twitter|x|facebook|instagram|linkedin|telegram|threads|bluesky"
            r"|youtube)\b.*",
        ),
    ),
    "navigation": (
        10,
        (
            r"skip to (?:main )?(?:content|navigation)|back to top|toggle navigation",
            r"(?:main |open |close )?menu|search|sign in|log ?in|log ?out|home(?:page)?|close",
            r"(?:next|previous) (?:article|story|post|page)|page \d+ of \d+",
            r"\d+ min(?:ute)?s? read|reading time\b.*",
            r"listen to (?:this|the) (?:article|story)\b.*|print (?:this )?(?:page|article|story)",
            r"click here\b.*|download (?:our|the) app\b.*|open in app",
            r"contact us|about us|privacy policy|sitemap",
            r"terms (?:of|and) (?:use|service|conditions)",
            r"(?:watch|play) (?:the )?video",
        ),
    ),
    "credit": (
        15,
        (
            r"(?:photos?|images?|pictures?|video|graphic|illustration|credits?|caption)"
            r"(?: (?:source|credit))? ?:.*",
            r"(?:image|photo) (?:source|credit)\b.*",
            r".*\b(?:getty images|afp via getty)\b.*",
        ),
    ),
}
_COMPILED = tuple(
    (family, re.compile(rf"^(?:{'|'.join(alternatives)})$", re.I), max_words)
    for family, (max_words, alternatives) in _FAMILIES.items()
)
_SOCIAL_NAME = re.compile(
    r"^(?:facebook|twitter|x|whatsapp|e-?mail|mail|linkedin|reddit|telegram|pinterest|print|copy"
    r"|link|share|messenger|tumblr|flipboard|threads|bluesky|mastodon|instagram|youtube|tiktok"
    r"|tweet|sms)$",
    re.I,
)
_EDGE_PUNCTUATION = " \t|•·*>»›:–—-#=_~.!"
_BARE_LINK = re.compile(r"^(?:(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+)$", re.I)
_MENU_SEPARATOR = re.compile(r"\s*[|•·]\s*")
_BREADCRUMB_START = re.compile(
    r"^(?:home|homepage|start|front ?page|you are here:?)\s*[»›>/|]\s*", re.I
)
_BREADCRUMB_SEPARATOR = re.compile(r"\s*[»›]\s*|\s+[>/|]\s+")
_TRAILING_PROMO = re.compile(
    r"(?<=[.!?\"”’)])\s+(?:read (?:more|also|next)|also read|see also|related|more)"
    r"\s*[:：|–—-]\s*\S.*$",
    re.I,
)
MAX_MENU_ITEM_WORDS = 4
MAX_BREADCRUMB_WORDS = 30
MAX_PROMO_WORDS = 25
# Families after which, near the end of a page, nothing more of the article follows.
TAIL_FAMILIES = frozenset({"related", "comments", "subscribe", "tags", "share", "follow"})


def boilerplate_kind(line: str) -> str | None:
    """The rule a line falls under ("related", "menu", "breadcrumb", ...), or None for content."""
    core = line.strip().strip(_EDGE_PUNCTUATION).strip()
    if not any(char.isalnum() for char in core):
        return "punctuation" if line.strip() else None
    if _BARE_LINK.match(core):
        return "link"
    if breadcrumb_tail(line) is not None:
        return "breadcrumb"
    if _is_menu(core):
        return "menu"
    words = core.split()
    if all(_SOCIAL_NAME.match(word.strip(".,:")) for word in words) and len(words) >= 2:
        return "social"
    for family, pattern, max_words in _COMPILED:
        if len(words) <= max_words and pattern.match(core):
            return family
    return None


def breadcrumb_tail(line: str) -> str | None:
    """The last step of a breadcrumb line ("Home » World » Coup in Niger" -> "Coup in Niger")."""
    stripped = line.strip()
    if "«" in stripped or "‹" in stripped or len(stripped.split()) > MAX_BREADCRUMB_WORDS:
        return None  # guillemets quote speech; a breadcrumb is short
    start = _BREADCRUMB_START.match(stripped)
    if start is None and len(re.findall("[»›]", stripped)) < 2:
        return None
    steps = _BREADCRUMB_SEPARATOR.split(stripped[start.end() :] if start else stripped)
    return steps[-1].strip() or None


def strip_trailing_promo(line: str) -> str:
    """Remove a "Read more: ..." promo glued to the end of a paragraph."""
    match = _TRAILING_PROMO.search(line)
    if match is None or len(match.group().split()) > MAX_PROMO_WORDS:
        return line
    return line[: match.start()].rstrip()


def _is_menu(core: str) -> bool:
    items = [item for item in _MENU_SEPARATOR.split(core) if item]
    if len(items) < 3:
        return False
    return all(
        len(item.split()) <= MAX_MENU_ITEM_WORDS and not item.endswith(".") for item in items
    )
