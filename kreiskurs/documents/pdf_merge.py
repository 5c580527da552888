"""Tagged PDFs of one document's parts joined into one tagged PDF (pikepdf; decision 0034).

The first part (title page and table of contents) gives the catalogue: document language, title,
XMP metadata with the PDF/UA identification, viewer preferences, ``/MarkInfo``. Every later
part's pages are appended with what hangs on them, and its

- structure tree: the elements below its ``Document`` element move below the first part's, in
  page order; its parent tree's keys (each page's ``/StructParents``, each annotation's
  ``/StructParent``) are shifted past the keys already used;
- bookmarks: its top-level outline items follow the first part's;
- named destinations (the headings' anchors): merged into one sorted name tree.

The table of contents links to headings in other parts, which WeasyPrint would drop (no anchor
in its own document): they are written as ``kreiskurs-anchor:<name>`` links and turned into
internal links (``/Dest``) to the merged named destinations here.
"""

from __future__ import annotations

import io
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

#: the link target of a table of contents entry whose heading is in another part
ANCHOR_SCHEME = "kreiskurs-anchor:"


def merge(parts: list[bytes], nested: list[int] | None = None) -> bytes:
    """One PDF of ``parts`` in order (each a tagged PDF written by WeasyPrint).

    ``nested[k]``: the number of top-level bookmarks part ``k`` begins with that belong below the
    previous part's last chapter (a part that starts inside a chapter, with its sections)."""
    out = pikepdf.open(io.BytesIO(parts[0]))
    tree = out.Root.StructTreeRoot
    document = tree.K[0]
    nums = tree.ParentTree.Nums
    next_key = max((int(nums[i]) for i in range(0, len(nums), 2)), default=-1) + 1
    dests = _named_destinations(out)
    sources = []
    for number, data in enumerate(parts[1:], start=1):
        source = pikepdf.open(io.BytesIO(data))
        sources.append(source)  # open until saved: copied objects are read lazily
        inside = nested[number] if nested else 0
        next_key = _append(out, source, document, nums, next_key, dests, inside)
    tree.ParentTreeNextKey = next_key
    _internal_links(out)
    names = Array()
    for name in sorted(dests):
        names.append(String(name))
        names.append(dests[name])
    if "/Names" not in out.Root:
        out.Root.Names = Dictionary()
    out.Root.Names.Dests = Dictionary(Names=names)
    buffer = io.BytesIO()
    out.save(
        buffer,
        compress_streams=True,
        stream_decode_level=pikepdf.StreamDecodeLevel.none,  # WeasyPrint's streams as they are
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        deterministic_id=True,
    )
    for source in sources:
        source.close()
    return buffer.getvalue()


def _named_destinations(pdf: pikepdf.Pdf) -> dict[str, Any]:
    if "/Names" not in pdf.Root or "/Dests" not in pdf.Root.Names:
        return {}
    names = pdf.Root.Names.Dests.get("/Names", Array())
    return {str(names[i]): names[i + 1] for i in range(0, len(names), 2)}


def _append(
    out: pikepdf.Pdf,
    source: pikepdf.Pdf,
    document: Any,
    nums: Any,
    offset: int,
    dests: dict[str, Any],
    nested: int,
) -> int:
    """Append ``source``'s pages, structure, bookmarks and destinations; the next free parent-tree key."""
    source_tree = source.Root.StructTreeRoot
    source_nums = source_tree.ParentTree.Nums
    source_document = source_tree.K[0]
    # Shift the parent tree's keys before copying (the copies keep the numbers).
    for page in source.pages:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for annotation in page.obj.get("/Annots", Array()):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset
    # Cut the part's elements loose from its own root so that copying them leaves the root behind.
    kids = list(source_document.K)
    for kid in kids:
        del kid["/P"]
    out.pages.extend(source.pages)
    for kid in kids:
        copied = out.copy_foreign(kid)
        copied.P = document
        document.K.append(copied)
    highest = offset - 1
    for i in range(0, len(source_nums), 2):
        key, value = int(source_nums[i]), source_nums[i + 1]
        nums.append(key + offset)
        if isinstance(value, Array) and not value.is_indirect:
            nums.append(Array([out.copy_foreign(element) for element in value]))
        else:
            nums.append(out.copy_foreign(value))
        highest = max(highest, key + offset)
    for name, destination in _named_destinations(source).items():
        dests.setdefault(name, Array([out.copy_foreign(destination[0]), *destination[1:]]))
    if "/Outlines" in source.Root and "/First" in source.Root.Outlines:
        _append_outline(out, out.copy_foreign(source.Root.Outlines), nested)
    return highest + 1


def _append_outline(out: pikepdf.Pdf, outline: Any, nested: int) -> None:
    """Chain the top-level items of a copied ``/Outlines`` after ``out``'s own; the first ``nested``
    ones below ``out``'s last top-level item."""
    if "/Outlines" not in out.Root:
        out.Root.Outlines = out.make_indirect(Dictionary(Type=Name.Outlines, Count=0))
    root = out.Root.Outlines
    items = []
    item = outline.get("/First")
    while item is not None:
        items.append(item)
        item = item.get("/Next")
    if nested and "/Last" in root:
        _chain(root.Last, items[:nested])
        items = items[nested:]
    _chain(root, items)


def _visible(item: Any) -> int:
    """The item and its descendants shown when the outline opens (a negative count is closed)."""
    return 1 + max(int(item.get("/Count", 0)), 0)


def _chain(parent: Any, items: list[Any]) -> None:
    """Append ``items`` (with their descendants) as ``parent``'s last children; update the counts of
    ``parent`` and, where it is open, of its ancestors."""
    if not items:
        return
    for previous, item in zip([parent.get("/Last"), *items], items, strict=False):
        item.Parent = parent
        if "/Prev" in item:
            del item["/Prev"]
        if "/Next" in item:
            del item["/Next"]
        if previous is not None:
            previous.Next = item
            item.Prev = previous
    if "/First" not in parent:
        parent.First = items[0]
    parent.Last = items[-1]
    added = sum(_visible(item) for item in items)
    node = parent
    while node is not None:
        count = int(node.get("/Count", 0))
        if count < 0:  # closed: its own count grows, its ancestors see nothing new
            node.Count = count - added
            break
        node.Count = count + added
        node = node.get("/Parent")


def _internal_links(out: pikepdf.Pdf) -> None:
    for page in out.pages:
        for annotation in page.obj.get("/Annots", Array()):
            action = annotation.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if uri.startswith(ANCHOR_SCHEME):
                name = uri[len(ANCHOR_SCHEME) :]
                del annotation["/A"]
                annotation.Dest = String(name)
                annotation.Contents = String(name)
