"""The brief: a report to keep, print and share, as HTML or PDF.

``brief.build_brief`` gathers the content from core objects, ``html.render_html`` writes it as HTML,
``pdf.write_pdf`` lays it out as a PDF with Qt, ``export.export_brief`` picks by file extension.
"""
