"""The images and files of questions and cards (``services.media``)."""
