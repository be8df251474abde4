"""The published results as files: one module per format (``csv``, ``json`` with its
schema ``results.schema.json``, ``xlsx``, ``pdf``), each a plain function from an
``source.ExportSource`` to bytes. The public downloads (``publication.downloads``) and the
operator's ``export_results`` command both write through them."""
