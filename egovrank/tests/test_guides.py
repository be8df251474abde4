"""The user guides (docs/huong-dan/) stay true to the browser tests that illustrate them.

Every image a guide shows is in docs/huong-dan/anh/ and named in its manifest; every
manifest entry names a browser test and a screenshot label that exist in the tests'
sources, so renaming a screenshot breaks the build instead of leaving a stale image; no
image lies there unused; and every link of the guides leads to a file (and a heading)
that exists.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from egovrank.conftest import GUIDE_IMAGE_FIELDS, GUIDE_IMAGES, GUIDE_MANIFEST, ROOT

GUIDES = ROOT / "docs" / "huong-dan"
# A Markdown link or image: [text](target) or ![alt](target "title").
LINK = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)


def guide_files() -> list[Path]:
    return sorted(GUIDES.glob("*.md"))


def links_of(path: Path) -> list[tuple[bool, str]]:
    """(is an image, target) for every link of a Markdown file, code blocks left out."""
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    text = re.sub(r"`[^`\n]*`", "", text)
    return [(bang == "!", target) for bang, target in LINK.findall(text)]


def anchors_of(path: Path) -> set[str]:
    """The anchors GitHub gives a Markdown file's headings: lower case, punctuation
    dropped (letters with diacritics kept), spaces as hyphens, repeats numbered."""
    seen: dict[str, int] = {}
    anchors = set()
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    for heading in HEADING.findall(text):
        plain = re.sub(r"[*_`]|\[([^\]]*)\]\([^)]*\)", r"\1", heading)
        slug = re.sub(r"[^\w\- ]", "", plain.strip().lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else f"{slug}-{count}")
    return anchors


def manifest() -> dict[str, dict[str, object]]:
    import tomllib

    return tomllib.loads(GUIDE_MANIFEST.read_text(encoding="utf-8"))


def screenshot_labels(tree: ast.Module) -> set[str]:
    """The labels a test module passes to ``take(...)`` (or the review journey's
    ``shot(...)``) as a literal string."""
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"take", "shot"}
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    }


def string_constants(tree: ast.Module) -> set[str]:
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def test_the_guides_and_their_manifest_are_there():
    assert GUIDE_MANIFEST.exists()
    assert (GUIDES / "README.md").exists()
    assert len(guide_files()) >= 5  # the index and one guide per role


def test_every_image_a_guide_shows_is_in_the_folder_and_named_in_the_manifest():
    named = set(manifest())
    problems = []
    for guide in guide_files():
        for is_image, target in links_of(guide):
            if not is_image:
                continue
            path = (guide.parent / target).resolve()
            if path.parent != GUIDE_IMAGES.resolve():
                problems.append(f"{guide.name}: {target} is not in docs/huong-dan/anh/")
                continue
            if not path.exists():
                problems.append(f"{guide.name}: {target} does not exist")
            if path.name not in named:
                problems.append(f"{guide.name}: {target} is not in manifest.toml")
    assert not problems, "\n".join(problems)


def test_every_manifest_entry_names_a_browser_test_and_a_label_that_exist():
    problems = []
    for file, fields in manifest().items():
        unknown = set(fields) - GUIDE_IMAGE_FIELDS
        if unknown or not {"test", "label"} <= set(fields):
            problems.append(f"{file}: fields {sorted(fields)}, expected test, label (and framing)")
            continue
        if not file.endswith(".png"):
            problems.append(f"{file}: the screenshots are PNG")
        module, _, test = str(fields["test"]).partition("::")
        source = ROOT / module
        if not (source.name.startswith("test_browser_") and source.exists()):
            problems.append(f"{file}: {module} is not a browser test module")
            continue
        tree = ast.parse(source.read_text(encoding="utf-8"))
        function, _, parameter = test.partition("[")
        functions = {
            node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.ClassDef)
        }
        if function not in functions:
            problems.append(f"{file}: no test {function} in {module}")
        if parameter and parameter.rstrip("]") not in string_constants(tree):
            problems.append(f"{file}: no parameter {parameter.rstrip(']')} in {module}")
        if fields["label"] not in screenshot_labels(tree):
            problems.append(f'{file}: {module} never takes the screenshot "{fields["label"]}"')
    assert not problems, "\n".join(problems)


def test_every_image_in_the_folder_is_shown_by_a_guide_and_named_in_the_manifest():
    shown = {
        (guide.parent / target).resolve().name
        for guide in guide_files()
        for is_image, target in links_of(guide)
        if is_image
    }
    named = set(manifest())
    images = {path.name for path in GUIDE_IMAGES.glob("*.png")}
    assert images - shown == set(), "images no guide shows"
    assert images - named == set(), "images the manifest does not name"
    assert named - shown == set(), "manifest entries no guide shows"


def test_every_link_of_the_guides_leads_to_a_file_or_heading_that_exists():
    problems = []
    readme_links = [
        (False, target)
        for _image, target in links_of(ROOT / "README.md")
        if target.startswith("docs/huong-dan/")
    ]
    sources = [(guide, links_of(guide)) for guide in guide_files()]
    for guide, links in [*sources, (ROOT / "README.md", readme_links)]:
        for _is_image, target in links:
            if re.match(r"[a-z][a-z+.-]*:", target):
                # The guides are read inside the government network: they link only
                # within the repository; addresses are written as code.
                problems.append(f"{guide.name}: {target} is not a relative link")
                continue
            file, _, anchor = target.partition("#")
            path = (guide.parent / file).resolve() if file else guide
            if not path.exists():
                problems.append(f"{guide.name}: {target} does not exist")
            elif anchor and path.suffix == ".md" and anchor not in anchors_of(path):
                problems.append(f"{guide.name}: no heading #{anchor} in {path.name}")
    assert not problems, "\n".join(problems)


def test_every_guide_is_listed_in_the_index():
    listed = {target.partition("#")[0] for _image, target in links_of(GUIDES / "README.md")}
    missing = [guide.name for guide in guide_files() if guide.name != "README.md"]
    assert [name for name in missing if name not in listed] == []
