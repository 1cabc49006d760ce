"""Image uploads into a course's draft."""
from __future__ import annotations

from pathlib import Path

from flask import abort, current_app, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.audit.services import record
from app.auth.access import AUTHORS, allow
from app.editor import bp, documents, services
from app.editor.forms import ImageForm
from app.editor.images import ImageRejected, clean_image
from app.editor.paths import UnsafePath, check_image
from app.editor.routes import _editable
from app.extensions import db

REASONS = {
    "too_large": _l("The image is larger than the limit (%(limit)s MB)."),
    "type": _l("Only PNG, JPEG, GIF and WebP images are accepted."),
    "mismatch": _l("The file's content does not match its type."),
    "pixels": _l("The image has too many pixels."),
    "unreadable": _l("The file is not a readable image."),
}


@bp.route("/<folder>/images", methods=["POST"])
@allow(*AUTHORS)
def upload_image(folder):
    """Check, re-encode and store an image in the course draft's images/ folder."""
    _editable(folder)
    form = ImageForm()
    if not form.validate_on_submit():
        abort(400)
    limit = current_app.config["EDITOR_IMAGE_MAX_BYTES"]
    wanted = (form.name.data or "").strip()
    if wanted:
        try:
            stem = check_image(wanted if "." in wanted else wanted + ".png").rsplit(".", 1)[0]
        except UnsafePath:
            abort(400)
    else:
        stem = documents.slugify(Path(form.image.data.filename or "").stem, fallback="image")
    data = form.image.data.read(limit + 1)
    try:
        clean, ext = clean_image(data, limit)
    except ImageRejected as exc:
        flash(str(REASONS[exc.args[0]]) % {"limit": limit // (1024 * 1024)}, "error")
        return redirect(url_for("editor.course", folder=folder))
    rel = services.store().save_image(folder, check_image(f"{stem}.{ext}"), clean)
    record(current_user, "editor.upload_image", "course", folder, None, {"file": rel, "bytes": len(clean)})
    db.session.commit()
    flash(_("Image saved in the draft. Use it in a lesson with: %(snippet)s", snippet=f"![{_('Description')}]({rel})"), "success")
    return redirect(url_for("editor.course", folder=folder))
