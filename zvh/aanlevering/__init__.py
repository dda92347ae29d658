"""A delivery (aanlevering) of new figures: read the upload, check it with all data, commit it, roll it back."""
