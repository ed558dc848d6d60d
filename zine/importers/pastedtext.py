"""Pasted page text: what a browser copies when a reader selects a whole blog post page.

The shape (studied on WordPress pages, and general to blogs built like them):
the title on the first line; the article; blog furniture ("Also, see", sharing
links, related posts, donation appeals); a header such as "30 thoughts on
...", "12 Comments" or "5 Responses to ..."; the thread as numbered items,
replies numbered again from 1 and indented a step deeper than their parent,
a comment's further paragraphs indented like its first line's text, and
"Liked by N people" lines; then the comment form. Nothing is invented:
authors and dates are read only where the text shows them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from zine.core.errors import InputError
from zine.core.files import read_text
from zine.core.model import Comment
from zine.core.wording import plural
from zine.importers.post import ImportedPost
from zine.importers.readers import text_start
from zine.importers.slugs import slugify
from zine.importers.textdates import find_date
from zine.importers.tomarkdown import plain_to_markdown
from zine.project import walk

THREAD_HEADER = re.compile(
    r"^(?P<count>\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|no)\s+"
    r"(?:thoughts?|comments?|responses?|repl(?:y|ies)|reactions?)"
    r"(?:\s+(?:on|to)\b.*)?\s*:?$|^(?:comments|responses|discussion)(?:\s*\(\d+\))?\s*:?$",
    re.IGNORECASE,
)
NUMBERED = re.compile(r"^(\d{1,6})[.)]\s+(\S.*)$")  # a long thread passes 9999
LIKES = re.compile(r"^Liked by (\d[\d,]*|one) (?:people|persons?)\.?$", re.IGNORECASE)
ACTION_LINE = re.compile(
    r"^(?:Reply(?:\s*↓)?|Like|Unlike|Loading(?:\.{3}|…)|Report comment|Edit|"
    r"Log in to Reply|Cancel reply|Show replies|Hide replies)$", re.IGNORECASE)
SAYS = re.compile(r"^(?P<name>\S.{0,58}?)\s+(?:says|said|wrote)\s*:?$", re.IGNORECASE)
THREAD_END = re.compile(
    r"^(?:Leave a (?:Reply|Comment)|Post a Comment|Add a comment|Comments are closed|"
    r"Fill in your details below|Post navigation|Previous post|Next post|Older comments|"
    r"Newer comments|Enter your comment here)", re.IGNORECASE)
FURNITURE = re.compile(
    r"^(?:Also,?\s+see\b|See also\b|Share this\b|Please share\b|Like this:?$|"
    r"Related(?:\s+(?:posts?|articles?|stories|reading))?\s*:?$|You (?:may|might) also like\b|"
    r"More from\b|Posted in\b|Filed under\b|Tagged\b|Tags?\s*:|Categories\s*:|"
    r"Bookmark the permalink|Leave a (?:Reply|Comment)|Subscribe\b|Donate\b|"
    r"Advertisements?$|Report this ad|Previous post|Next post|Post navigation|"
    r"Privacy & Cookies)", re.IGNORECASE)
CAPTION_LENGTH = 300  # characters: a longer first line is the article's own
DONATION = re.compile(r"\bdonat(?:e|ion)", re.IGNORECASE)
FURNITURE_KINDS = [
    ("see-also links", re.compile(r"^(?:also,?\s+see|see also)", re.IGNORECASE)),
    ("sharing links", re.compile(r"^(?:share this|please share)", re.IGNORECASE)),
    ("related posts", re.compile(r"^related|^you (?:may|might) also like", re.IGNORECASE)),
    ("donation appeal", DONATION),
]
BYLINE = re.compile(r"^(?:(?:Posted|Published|Written)\b.*|By\s+\S.*)$", re.IGNORECASE)
BYLINE_AUTHOR = re.compile(r"\bby\s+(?P<name>[^,|•·]{1,60}?)\s*(?:[,|•·]|\bon\b|$)",
                           re.IGNORECASE)


@dataclass
class _Paragraph:
    """Consecutive non-blank lines; ``section`` counts runs of two or more blank lines."""

    line: int
    lines: list[str]
    section: int

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass
class _Open:
    """A comment being read: its item's indent, its lines, its replies."""

    indent: int
    id: str
    chunks: list[list[str]]
    children: list[_Open] = field(default_factory=list)
    last_child: int = 0


def read_pasted_text(path: Path) -> ImportedPost:
    """The article and threaded comments of a pasted blog page."""
    lines = [_clean(line) for line in read_text(path).split("\n")]
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None:
        raise InputError("the file is empty", path)
    title = " ".join(lines[start].split())
    header = _thread_header(lines, start + 1)
    post = ImportedPost(title=title, body="", slug=slugify(title))
    _read_article(lines, start + 1, len(lines) if header is None else header, post, path)
    if header is None:
        post.no_comments = ("no comment thread found: expected a line such as "
                            "'12 thoughts on ...' or '5 Comments' followed by numbered comments")
    else:
        _read_comments(lines, header, post)
    return post


def _clean(line: str) -> str:
    # Web pages scatter no-break spaces where an editor typed spaces.
    return line.replace("\u00a0", " ").replace("\u200b", "").expandtabs(4).rstrip()


# --- the thread ----------------------------------------------------------------------------


def _thread_header(lines: list[str], start: int) -> int | None:
    """The first header line whose next non-blank line is a numbered comment."""
    for index in range(start, len(lines)):
        if THREAD_HEADER.match(lines[index].strip()):
            following = next((ln for ln in lines[index + 1:] if ln.strip()), "")
            if NUMBERED.match(following.strip()):
                return index
    return None


def _read_comments(lines: list[str], header: int, post: ImportedPost) -> None:
    reader = _ThreadReader()
    for index in range(header + 1, len(lines)):
        if not reader.feed(lines[index]):
            post.dropped.append(f"the comment form and all after it (from line {index + 1})")
            break
    if reader.actions:
        post.dropped.append(plural(reader.actions, "'Reply' or 'Like' link"))
    if reader.kept_as_text:
        post.warnings.append(
            f"{plural(reader.kept_as_text, 'numbered line')} did not continue the thread's "
            "numbering and stayed comment text; if some are replies, the paste lost its "
            "indentation")
    post.comments = [_finish(item, post) for item in reader.roots]
    _compare_count(lines[header], post)


class _ThreadReader:
    """Reads the thread line by line; indentation says whose line it is."""

    def __init__(self) -> None:
        self.roots: list[_Open] = []
        self.stack: list[_Open] = []  # the open comment and its ancestors
        self.last_top = 0
        self.actions = 0
        self.kept_as_text = 0  # numbered lines that do not continue the page's numbering
        self.blank = False
        self.written: _Open | None = None

    def feed(self, raw: str) -> bool:
        """Take one line; False when the thread is over."""
        if not raw.strip():
            self.blank = True
            return True
        indent, text = len(raw) - len(raw.lstrip()), raw.strip()
        if self._open(indent, text):
            return True
        if self._ends(indent, text):
            return False
        if ACTION_LINE.match(text):
            self.actions += 1
        else:
            self._append(self._owner(indent), text)
        return True

    def _open(self, indent: int, text: str) -> bool:
        """A numbered line that continues the page's numbering opens a comment."""
        match = NUMBERED.match(text)
        if not match:
            return False
        number = int(match.group(1))
        keep = [item for item in self.stack if item.indent < indent]
        parent = keep[-1] if keep else None
        last = parent.last_child if parent else self.last_top
        # Replies restart at 1; the first top-level number may be higher on a later page.
        fits = number == last + 1 or (parent is None and not self.roots and number > 0)
        if not fits:
            self.kept_as_text += 1
            return False
        item = _Open(indent, f"{parent.id}.{number}" if parent else str(number),
                     chunks=[[match.group(2)]])
        if parent:
            parent.last_child = number
            parent.children.append(item)
        else:
            self.last_top = number
            self.roots.append(item)
        self.stack = keep + [item]
        self.written, self.blank = item, False
        return True

    def _ends(self, indent: int, text: str) -> bool:
        top = self.roots[0].indent if self.roots else 0
        return indent < top or (indent <= top and bool(THREAD_END.match(text)))

    def _owner(self, indent: int) -> _Open | None:
        inside = [item for item in self.stack if item.indent < indent]
        if inside:
            return inside[-1]
        return self.stack[0] if self.stack else None

    def _append(self, owner: _Open | None, text: str) -> None:
        if owner is None:
            return
        if (self.blank or owner is not self.written) and owner.chunks[-1]:
            owner.chunks.append([])
        owner.chunks[-1].append(text)
        self.written, self.blank = owner, False


def _finish(item: _Open, post: ImportedPost) -> Comment:
    """Lines to a comment: likes and a leading 'NAME says:' / date are fields, the rest text."""
    comment = Comment(text="", id=item.id)
    paragraphs = [[ln for ln in chunk if not _take_likes(ln, comment)] for chunk in item.chunks]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs:
        paragraphs[0] = _take_heading(paragraphs[0], comment)
    comment.text = plain_to_markdown(paragraphs)
    if not comment.text:
        post.warnings.append(f"comment {item.id} has no text")
        comment.text = "(no text)"
    comment.replies = [_finish(child, post) for child in item.children]
    return comment


def _take_likes(line: str, comment: Comment) -> bool:
    match = LIKES.match(line)
    if match:
        count = match.group(1).replace(",", "")
        comment.likes = 1 if count.lower() == "one" else int(count)
    return bool(match)


def _take_heading(lines: list[str], comment: Comment) -> list[str]:
    """'Ann says:' and 'March 3, 2017 at 9:12 pm' above a comment's text (when present)."""
    rest = list(lines)
    if len(rest) > 1 and SAYS.match(rest[0]):
        comment.author, comment.date = _name_and_date(SAYS.match(rest[0]).group("name"))
        rest = rest[1:]
    elif len(rest) > 2 and _is_name(rest[0]) and _date_line(rest[1]):
        comment.author, rest = rest[0], rest[1:]
    if len(rest) > 1 and not comment.date and _date_line(rest[0]):
        comment.date, rest = _date_line(rest[0]), rest[1:]
    return rest


def _name_and_date(said: str) -> tuple[str, str | None]:
    """'Ann on March 3, 2017 at 9:12 pm' (some themes put the date before 'said:')."""
    found = find_date(said)
    if not found:
        return said, None
    name = re.sub(r"\s+on$", "", said[:found[1][0]].rstrip(" ,"), flags=re.I)
    return (name or said), found[0]


def _is_name(line: str) -> bool:
    return len(line) <= 60 and len(line.split()) <= 6 and not re.search(r"[.!?:;,]$", line)


def _date_line(line: str) -> str | None:
    """A line that is only a date (and time): its date, else None."""
    found = find_date(line)
    if not found:
        return None
    date, span = found
    rest = (line[:span[0]] + line[span[1]:]).strip(" ,")
    return date if re.fullmatch(r"(?:on\s*)?(?:at\s+[\d:.]+\s*(?:[ap]\.?m\.?)?)?", rest, re.I) else None


def _compare_count(header: str, post: ImportedPost) -> None:
    match = THREAD_HEADER.match(header.strip())
    said = match.group("count") if match else None
    found = sum(1 for _ in walk(post.comments))
    if said and said.replace(",", "").isdigit() and int(said.replace(",", "")) != found:
        post.warnings.append(
            f"the page says {said.replace(',', '')} comments; the paste holds {found} "
            "(the rest are pingbacks or on other comment pages)")


# --- the article ---------------------------------------------------------------------------


def _paragraphs(lines: list[str], start: int, end: int) -> list[_Paragraph]:
    paragraphs: list[_Paragraph] = []
    section, blanks = 0, 0
    for index in range(start, end):
        text = lines[index].strip()
        if not text:
            blanks += 1
            continue
        if blanks >= 2 and paragraphs:
            section += 1
        if blanks or not paragraphs:
            paragraphs.append(_Paragraph(index + 1, [], section))
        paragraphs[-1].lines.append(text)
        blanks = 0
    return paragraphs


def _read_article(lines: list[str], start: int, end: int, post: ImportedPost, path: Path):
    paragraphs = _paragraphs(lines, start, end)
    paragraphs = _take_byline(paragraphs, post)
    paragraphs = _take_caption(paragraphs, lines, post)
    cut = _furniture_start(paragraphs)
    article, furniture = paragraphs[:cut], paragraphs[cut:]
    while article and _is_furniture_section(article, article[-1].section):
        furniture[:0] = [p for p in article if p.section == article[-1].section]
        article = [p for p in article if p.section != article[-1].section]
    if not article:
        raise InputError("no article text between the title and the comments", path, start + 1)
    if furniture:
        post.dropped.append(f"{plural(len(furniture), 'paragraph')} of blog furniture from line "
                            f"{furniture[0].line} ({_kinds(furniture)})")
    post.body = plain_to_markdown([p.lines for p in article])


def _furniture_start(paragraphs: list[_Paragraph]) -> int:
    """Where the blog furniture starts: the first marker past the text's first half.

    A "See also" in the middle of an article is the writer's; furniture comes
    after the article, so a marker early on counts only if no later one does.
    """
    markers = [i for i, p in enumerate(paragraphs) if FURNITURE.match(p.text)]
    if not markers:
        return len(paragraphs)
    sizes = [len(p.text) for p in paragraphs]
    half = sum(sizes) / 2
    late = [i for i in markers if sum(sizes[:i]) >= half]
    return late[0] if late else markers[0]


def _take_caption(paragraphs: list[_Paragraph], lines: list[str],
                  post: ImportedPost) -> list[_Paragraph]:
    """A picture heading the post leaves only its caption in a paste: not the first sentence.

    The picture copies as an extra blank line, so a caption is one short line
    after two or more blank lines, followed by longer text. The report quotes it.
    """
    first, second = (paragraphs + [None, None])[:2]
    if (second and _blank_lines_above(lines, first.line) >= 2 and len(first.lines) == 1
            and len(first.text) <= CAPTION_LENGTH and len(second.text) > len(first.text)):
        quoted = " ".join(first.text.split()[:6])
        post.dropped.append(f"the caption of a picture under the title (line {first.line}: "
                            f"'{quoted}…'; the picture is not in the paste)")
        return paragraphs[1:]
    return paragraphs


def _blank_lines_above(lines: list[str], line: int) -> int:
    """How many blank lines come right before 1-based ``line``."""
    count = 0
    while line - 2 - count >= 0 and not lines[line - 2 - count].strip():
        count += 1
    return count


def _take_byline(paragraphs: list[_Paragraph], post: ImportedPost) -> list[_Paragraph]:
    """'Posted on March 3, 2017 by Ann' or a lone date just under the title."""
    for paragraph in paragraphs[:3]:
        text = paragraph.text
        if len(text) > 120 or not (BYLINE.match(text) or _date_line(text)):
            continue
        found = find_date(text)
        post.date = post.date or (found[0] if found else None)
        author = BYLINE_AUTHOR.search(text)
        if author and not post.author:
            post.author = author.group("name").strip()
        post.dropped.append(f"the byline (line {paragraph.line})")
        return [p for p in paragraphs if p is not paragraph]
    return paragraphs


def _is_furniture_section(article: list[_Paragraph], section: int) -> bool:
    """A trailing block of short title lines (related posts) or a donation appeal."""
    block = [p for p in article if p.section == section]
    if len(block) == len(article):
        return False
    return _is_title_list(block) or any(DONATION.search(p.text) for p in block)


def _is_title_list(block: list[_Paragraph]) -> bool:
    return len(block) >= 3 and all(len(p.lines) == 1 and len(p.text) <= 120 for p in block)


def _kinds(furniture: list[_Paragraph]) -> str:
    """What the dropped paragraphs were, in a reader's words."""
    found = [label for label, rule in FURNITURE_KINDS
             if any(rule.search(p.text) for p in furniture)]
    sections = {p.section for p in furniture}
    if any(_is_title_list([p for p in furniture if p.section == s]) for s in sections):
        found.append("related posts")
    return ", ".join(dict.fromkeys(found)) or f"starting '{furniture[0].text[:40]}'"


class PastedTextReader:
    """Text copied from a post page in a browser: any text that is not markup."""

    name = "pasted page text"
    order = 90
    suffixes = (".txt", ".text")
    many_posts = False
    known_by_content = False

    def sniff(self, head: bytes) -> bool:
        start = text_start(head)
        return bool(start) and not start.startswith("<") and b"\x00" not in head[:4096]

    def list_posts(self, source: Path) -> list:
        return []

    def read(self, source: Path, options) -> ImportedPost:
        return read_pasted_text(source)


READER = PastedTextReader()
