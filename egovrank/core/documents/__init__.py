"""Official documents in the state's format for administrative documents (Decree
30/2020/NĐ-CP): the national name and motto, the issuing agency under its managing
agency, the number and symbol, the place and date, the title, the body, the signature
block and the recipients ("Nơi nhận").

A document is described once (``model.Document``) and written by two writers: ``docx``
(python-docx, a draft the official edits and signs) and ``pdf`` (HTML drawn by
WeasyPrint with the shipped fonts). Each app builds its own documents from its data
(the announcement in ``publication``, the self-assessment report in ``assessments``,
the review result in ``review``); the header and the signature block are written here,
once per writer.
"""
