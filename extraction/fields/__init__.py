"""One module per field of the article record, each with the profile's reader and the generic
reader side by side: title, body (lead and paragraphs), byline (author and source), published,
media (images and attachments), taxonomy (breadcrumb, category, tags). extraction/article.py
calls them in order and puts the record together."""
