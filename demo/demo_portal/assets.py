"""Binary and static files the demo portal serves: JPEG, PNG, ICO, PDF, CSS, JS.

All are generated deterministically and are small but valid, so an archive
of the demo holds real page requisites and documents.
"""

from __future__ import annotations

import functools
import struct
import unicodedata
import zlib
from datetime import datetime

from .vocabulary import PROVINCE

THEME = "hoalam"
# Image style sizes, as the <img> width/height attributes announce them.
IMAGE_SIZES = {"original": (1024, 683), "large": (480, 320), "medium": (220, 147),
               "thumbnail": (100, 67)}


@functools.lru_cache(maxsize=64)
def flat_jpeg(width: int, height: int, level: int = 160) -> bytes:
    """A valid baseline grayscale JPEG of one flat shade.

    Every 8x8 block has only a DC coefficient; after the first block the DC
    difference is 0, so each block costs two bits with these tiny Huffman
    tables ("0" = DC difference 0 / AC end-of-block).
    """
    dc = 8 * (level - 128)  # DC coefficient of a flat block with quantizer 1
    category = abs(dc).bit_length()
    quant = _segment(0xDB, b"\x00" + b"\x01" * 64)
    frame = _segment(0xC0, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00")
    dc_values = bytes([0, category]) if category else b"\x00"
    dc_counts = bytes([1, 1 if category else 0] + [0] * 14)
    dc_table = _segment(0xC4, b"\x00" + dc_counts + dc_values)
    ac_table = _segment(0xC4, b"\x10" + bytes([1] + [0] * 15) + b"\x00")
    scan_header = _segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
    bits = []
    if category:  # DC code "10", the magnitude bits, then EOB "0"
        magnitude = dc if dc > 0 else dc + (1 << category) - 1
        bits.append("10" + format(magnitude, f"0{category}b") + "0")
    else:
        bits.append("00")
    blocks = ((width + 7) // 8) * ((height + 7) // 8)
    bits.append("00" * (blocks - 1))
    stream = "".join(bits)
    stream += "1" * (-len(stream) % 8)  # pad the last byte with 1-bits
    data = int(stream, 2).to_bytes(len(stream) // 8, "big").replace(b"\xff", b"\xff\x00")
    jfif = _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x48\x00\x48\x00\x00")
    return (b"\xff\xd8" + jfif + quant + frame + dc_table + ac_table + scan_header
            + data + b"\xff\xd9")


def _segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def jpeg_level(name: str) -> int:
    """A stable shade per file name, so different photos differ."""
    return (96, 112, 144, 160, 176, 200)[zlib.crc32(name.encode()) % 6]


@functools.lru_cache(maxsize=16)
def png(width: int, height: int, rgba: tuple[int, int, int, int]) -> bytes:
    """A valid single-colour RGBA PNG."""
    row = b"\x00" + bytes(rgba) * width  # filter type 0, then the pixels
    chunks = [(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)),
              (b"IDAT", zlib.compress(row * height, 9)), (b"IEND", b"")]
    out = b"\x89PNG\r\n\x1a\n"
    for kind, body in chunks:
        out += struct.pack(">I", len(body)) + kind + body
        out += struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    return out


@functools.lru_cache(maxsize=1)
def favicon() -> bytes:
    """An .ico holding one 16x16 PNG image (valid since Windows Vista)."""
    image = png(16, 16, (200, 30, 30, 255))
    header = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", 16, 16, 0, 0, 1, 32, len(image), 6 + 16)
    return header + entry + image


def pdf_document(title_ascii: str, lines: list[str], created: str) -> bytes:
    """A one-page PDF with Helvetica text; ``created`` like "D:20200117094500+07'00'"."""
    def pdf_string(text: str) -> str:
        return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"

    text_ops = ["BT", "/F1 14 Tf", "72 770 Td"]
    for index, line in enumerate(lines):
        if index:
            text_ops.append("0 -22 Td")
        text_ops.append(f"{pdf_string(line)} Tj")
    text_ops.append("ET")
    content = "\n".join(text_ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        (f"<< /Title {pdf_string(title_ascii)} /Producer (portal-archive demo portal) "
         f"/CreationDate ({created}) >>").encode("ascii"),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, xref_at))
    return bytes(out)


def ascii_fold(text: str) -> str:
    """Vietnamese without diacritics (the PDFs use a plain Type 1 font)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode()


@functools.lru_cache(maxsize=1024)
def attachment_pdf(title: str, article_title: str, published: datetime) -> bytes:
    """The attached official document: a one-page PDF naming itself and its article."""
    name = ascii_fold(title.removesuffix(".pdf"))
    lines = [f"UBND TINH {ascii_fold(PROVINCE).upper()}",
             "CONG HOA XA HOI CHU NGHIA VIET NAM - Doc lap - Tu do - Hanh phuc",
             name, f"Ngay {published:%d} thang {published:%m} nam {published:%Y}",
             "V/v: " + ascii_fold(article_title)[:80]]
    return pdf_document(name, lines, published.strftime("D:%Y%m%d%H%M%S+07'00'"))


STYLE_CSS = f"""/* {THEME} theme: Cổng thông tin điện tử tỉnh Hòa Lâm */
html, body {{ margin: 0; padding: 0; }}
body {{ font-family: Arial, Helvetica, sans-serif; font-size: 14px; color: #222; background: #f3f3f3; }}
a {{ color: #0b4f8a; text-decoration: none; }}
a:hover {{ text-decoration: underline; }}
#page {{ width: 1100px; margin: 0 auto; background: #fff; }}
#header {{ background: #b71c1c; color: #fff; min-height: 120px; }}
#site-name a {{ color: #fff; font-size: 26px; font-weight: bold; text-transform: uppercase; }}
#navigation ul.menu {{ margin: 0; padding: 0; list-style: none; background: #8e1515; }}
#navigation ul.menu li {{ display: inline-block; }}
#navigation ul.menu li a {{ display: block; padding: 10px 14px; color: #fff; }}
#breadcrumb {{ padding: 8px 12px; font-size: 12px; }}
.element-invisible {{ position: absolute !important; clip: rect(1px, 1px, 1px, 1px); overflow: hidden; height: 1px; }}
.element-hidden {{ display: none; }}
#content {{ float: left; width: 760px; padding: 0 12px; }}
#sidebar-second {{ float: right; width: 300px; }}
h1#page-title {{ font-size: 22px; color: #b71c1c; line-height: 1.3; }}
.meta.submitted {{ color: #777; font-size: 12px; }}
.field-name-field-tom-tat {{ font-weight: bold; margin: 10px 0; }}
.field-name-body p {{ line-height: 1.6; text-align: justify; }}
blockquote.image-field-caption {{ margin: 4px 0 12px; font-style: italic; color: #555; }}
ul.links.inline li {{ display: inline; margin-right: 10px; }}
ul.pager li {{ display: inline; padding: 0 4px; }}
.block h2 {{ background: #b71c1c; color: #fff; font-size: 14px; padding: 6px 10px; }}
#footer {{ clear: both; background: #8e1515; color: #fff; padding: 16px; font-size: 12px; }}
"""

DRUPAL_JS = """var Drupal = Drupal || { 'settings': {}, 'behaviors': {}, 'locale': {} };

// Allow other JavaScript libraries to use $.
jQuery.noConflict();

(function ($) {

/**
 * Attach all registered behaviors to a page element.
 */
Drupal.attachBehaviors = function (context, settings) {
  context = context || document;
  settings = settings || Drupal.settings;
  $.each(Drupal.behaviors, function () {
    if ($.isFunction(this.attach)) {
      this.attach(context, settings);
    }
  });
};

Drupal.checkPlain = function (str) {
  str = String(str);
  var replace = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' };
  for (var character in replace) {
    var regex = new RegExp(character, 'g');
    str = str.replace(regex, replace[character]);
  }
  return str;
};

// Class indicating that JS is enabled; used for styling purpose.
$('html').addClass('js');

// 'js enabled' cookie.
document.cookie = 'has_js=1; path=/';

$(function () {
  Drupal.attachBehaviors(document, Drupal.settings);
});

})(jQuery);
"""

JQUERY_JS = """/*!
 * jQuery JavaScript Library v1.4.4 (abridged copy bundled with the demo portal)
 * http://jquery.com/
 * Copyright 2010, John Resig
 * Dual licensed under the MIT or GPL Version 2 licenses.
 */
(function( window, undefined ) {
var jQuery = function( selector, context ) {
    return new jQuery.fn.init( selector, context );
  },
  _jQuery = window.jQuery,
  _$ = window.$;
jQuery.fn = jQuery.prototype = {
  init: function( selector, context ) { this.selector = selector; this.context = context; return this; },
  jquery: "1.4.4",
  addClass: function( value ) { return this; },
  ready: function( fn ) { window.addEventListener( "DOMContentLoaded", fn ); return this; }
};
jQuery.fn.init.prototype = jQuery.fn;
jQuery.each = function( object, callback ) {
  for ( var name in object ) { if ( callback.call( object[ name ], name, object[ name ] ) === false ) { break; } }
  return object;
};
jQuery.isFunction = function( obj ) { return typeof obj === "function"; };
jQuery.extend = jQuery.fn.extend = function( target, source ) {
  for ( var key in source ) { target[ key ] = source[ key ]; }
  return target;
};
jQuery.noConflict = function() { window.$ = _$; return jQuery; };
window.jQuery = window.$ = jQuery;
})(window);
"""
