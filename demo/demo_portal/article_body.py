"""The ``div.content`` of an article node: lead, main image, body, tags, attachments.

Markup details vary a little between nodes (deterministically, by nid) the way
they vary between editors on a real portal: ``&nbsp;`` entities or raw no-break
spaces, justified or plain paragraphs, font-size spans, byline styles.
"""

from __future__ import annotations

from .assets import IMAGE_SIZES, attachment_pdf
from .content import SEED_NID, Article, Image
from .markup import attr, esc, field, rich_text

# Byline paragraph styles seen on portals: right-aligned and/or bold.
BYLINE_STYLES = (
    '<p style="text-align: right;"><strong>{}</strong></p>',
    '<p style="text-align: right;"><em><strong>{}</strong></em></p>',
    '<p style="text-align: right;">{}</p>',
    '<p><strong>{}</strong></p>',
    '<p style="text-align: right;"><span style="font-size:14px;"><strong>{}</strong></span></p>',
)
SEED_BYLINE_STYLE = '<p style="text-align: right;"><strong>{}</strong>&nbsp;</p>'


def article_content(article: Article) -> str:
    nid = article.nid
    parts = []
    if article.raw_lead:
        lead = rich_text(article.raw_lead)
        parts.append(field("field-tom-tat", "text-long",
                           [f"<p>{lead}</p>" if nid % 2 == 0 else lead]))
    if article.images:
        parts.append(main_image(article.images[0]))
    parts.append(field("body", "text-with-summary", [body_html(article)],
                       item_attrs=' property="content:encoded"'))
    if article.tags:
        links = [f'<a href="{tag.path}" typeof="skos:Concept" property="rdfs:label skos:prefLabel"'
                 f' datatype="">{esc(tag.name)}</a>' for tag in article.tags]
        parts.append(field("field-tags", "taxonomy-term-reference", links, label="Từ khóa",
                           item_attrs=' rel="dc:subject"'))
    if article.attachments:
        files = []
        for attachment in article.attachments:
            size = len(attachment_pdf(attachment.title, article.title, article.stub.published))
            files.append(
                '<span class="file"><img class="file-icon" alt="PDF icon" title="application/pdf"'
                ' src="/modules/file/icons/application-pdf.png" /> '
                f'<a href="{attachment.path}" type="application/pdf; length={size}">'
                f'{esc(attachment.title)}</a></span>')
        parts.append(field("field-file-dinh-kem", "file", files, label="Tệp đính kèm"))
    return "\n".join(parts)


def main_image(image: Image) -> str:
    """The image field, with the image_field_caption module's blockquote."""
    width, height = IMAGE_SIZES["large"]
    src = image.style_path("large")
    item = (f'<img typeof="foaf:Image" src="{attr(src)}" width="{width}" height="{height}"'
            f' alt="{attr(image.alt)}" title="{attr(image.caption)}" />'
            f'<blockquote class="image-field-caption"><p>{esc(image.caption)}</p></blockquote>')
    return field("field-image", "image", [item],
                 item_attrs=f' rel="og:image rdfs:seeAlso" resource="{attr(src)}"')


def inline_image(image: Image) -> str:
    """An image the editor put inside the body, with a centred italic caption."""
    width, height = IMAGE_SIZES["original"]
    return (f'<p style="text-align: center;"><img src="{image.original_path}"'
            f' alt="{attr(image.alt)}" style="width: 600px; height: {600 * height // width}px;" /></p>\n'
            f'<p style="text-align: center;"><em>{esc(image.caption)}</em></p>')


def body_html(article: Article) -> str:
    nid = article.nid
    seed = nid == SEED_NID
    entity = nid % 7 != 3  # most editors' no-break spaces arrive as &nbsp;
    opening = '<p style="text-align: justify;">' if nid % 2 == 0 else "<p>"
    wrap_span = nid % 5 == 1 and not seed
    inline = list(zip(article.inline_image_after, article.images[1:]))
    html_parts = []
    for index, raw in enumerate(article.raw_paragraphs):
        text = rich_text(raw, entity)
        if wrap_span:
            text = f'<span style="font-size:14px;">{text}</span>'
        html_parts.append(f"{opening}{text}</p>")
        html_parts.extend(inline_image(image) for after, image in inline if after == index)
    style = SEED_BYLINE_STYLE if seed else BYLINE_STYLES[nid % len(BYLINE_STYLES)]
    html_parts.extend(style.format(esc(line)) for line in article.byline_lines)
    return "\n".join(html_parts)
