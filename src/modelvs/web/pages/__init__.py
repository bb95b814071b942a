"""The HTML pages (and their fragments, feeds and text files) and the glue that renders them."""
