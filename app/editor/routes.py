"""The course editor: trainers change course files in the browser, as drafts, then publish."""
from __future__ import annotations

import hashlib

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import NotFound

from app.auth.access import AUTHORS, allow, require
from app.courses.loader import COURSE_FILE, FINAL_QUIZ_FILE
from app.editor import bp, documents, preview, services
from app.editor.forms import (ConfirmForm, CourseSettingsForm, DiscardForm, FileForm, ImageForm,
                              LayoutForm,
                              NewCourseForm, NewLessonForm, PublishForm, TitleForm)
from app.editor.paths import UnsafePath, check_file, check_folder
from app.editor.store import lesson_slug, version_of
from app.extensions import db


@bp.errorhandler(UnsafePath)
def unsafe_path(error):
    """A name from the browser that could lead outside a course: as if it did not exist."""
    return current_app.handle_http_exception(NotFound())


def _editable(folder: str) -> str:
    """The course folder, if it exists and the current user may edit it."""
    check_folder(folder)
    if not services.store().exists(folder):
        abort(404)
    require(services.can_edit(current_user, folder))
    return folder


def _layout_version(folder: str) -> str:
    """The lesson list as a page showed it: moves and removals are refused if it changed."""
    return hashlib.sha256("\n".join(services.store().lesson_files(folder)).encode()).hexdigest()


@bp.route("/")
@allow(*AUTHORS)
def index():
    """The courses the current user may edit, with their draft state."""
    store = services.store()
    rows = [{"folder": f, "title": documents.title_of(store.read(f, COURSE_FILE), f),
             "draft": store.has_draft(f), "live": store.live_dir(f).is_dir()}
            for f in store.folders() if services.can_edit(current_user, f)]
    return render_template("editor/index.html", rows=rows)


def _settings_fields(form: CourseSettingsForm) -> dict:
    return {"title": form.title.data.strip(), "audiences": form.audiences.data, "language": form.language.data,
            "summary": (form.summary.data or "").strip(), "estimated_minutes": form.estimated_minutes.data,
            "pass_mark": form.pass_mark.data, "certificate": bool(form.certificate.data),
            "maintainers": documents.emails(form.maintainers.data)}


@bp.route("/new", methods=["GET", "POST"])
@allow(*AUTHORS)
def new_course():
    """Start a new course as a draft; the creator becomes a maintainer."""
    form = NewCourseForm()
    problems = []
    if form.validate_on_submit():
        fields = _settings_fields(form)
        if current_user.email.lower() not in fields["maintainers"]:
            fields["maintainers"].insert(0, current_user.email.lower())
        folder = form.folder.data
        course_md = documents.course_text(None, fields, form.intro.data or "")
        lesson_md = documents.compose({"title": _("Introduction")}, _("Write the first lesson here."))
        problems = services.create_course(current_user, folder, course_md, "01-introduction.md", lesson_md)
        if not problems:
            db.session.commit()
            flash(_("The course was created as a draft. Learners will see it once you publish it."), "success")
            return redirect(url_for("editor.course", folder=folder))
    return render_template("editor/new.html", form=form, problems=problems)


@bp.route("/<folder>/", methods=["GET", "POST"])
@allow(*AUTHORS)
def course(folder):
    """A course's settings, lessons, images and publishing."""
    _editable(folder)
    store = services.store()
    text = store.read(folder, COURSE_FILE)
    meta, body = documents.split(text)
    form = CourseSettingsForm(data={**meta, "maintainers": "\n".join(documents.maintainers(text)),
                                    "intro": body, "version": version_of(text)})
    result = None
    if request.method == "POST" and form.validate_on_submit():
        new_text = documents.course_text(text, _settings_fields(form), form.intro.data or "")
        result = store.save(folder, COURSE_FILE, new_text, form.version.data)
        if result.saved:
            flash(_("Settings saved in the draft."), "success")
            return redirect(url_for("editor.course", folder=folder))
        if result.conflict:
            form.version.data = result.conflict.theirs_version
    return render_template("editor/course.html", **_course_page(folder), form=form, result=result)


def _course_page(folder: str) -> dict:
    store = services.store()
    lessons = [{"name": n, "title": documents.title_of(store.read(folder, n), n),
                "version": version_of(store.read(folder, n))} for n in store.lesson_files(folder)]
    images_dir = store.working_dir(folder) / "images"
    images = sorted(p.name for p in images_dir.iterdir() if p.is_file() and not p.name.startswith(".")) \
        if images_dir.is_dir() else []
    _, problems = store.validate(folder)
    return {"folder": folder, "lessons": lessons, "images": images, "problems": problems,
            "has_draft": store.has_draft(folder), "live": store.live_dir(folder).is_dir(),
            "has_quiz": store.read(folder, FINAL_QUIZ_FILE) is not None,
            "layout": _layout_version(folder), "git": services.git_enabled(),
            "lesson_form": NewLessonForm(), "title_form": TitleForm(), "layout_form": LayoutForm(),
            "publish_form": PublishForm(), "image_form": ImageForm(), "confirm": ConfirmForm(),
            "discard_form": DiscardForm()}


@bp.route("/<folder>/lessons", methods=["POST"])
@allow(*AUTHORS)
def add_lesson(folder):
    """Add a lesson at the end of the course."""
    _editable(folder)
    form = NewLessonForm()
    store = services.store()
    if form.validate_on_submit():
        slug = form.slug.data or documents.slugify(form.title.data)
        names = store.lesson_files(folder)
        number = max((int(n.split("-", 1)[0]) for n in names), default=0) + 1
        name = check_file(f"{number:02d}-{slug}.md")
        text = documents.compose({"title": form.title.data.strip()}, f"## {form.title.data.strip()}\n\n" + _("Write the lesson here."))
        result = store.save(folder, name, text, "")
        if result.saved:
            flash(_("Lesson added to the draft."), "success")
            return redirect(url_for("editor.edit", folder=folder, name=name))
        for problem in result.problems:
            flash(str(problem), "error")
    else:
        flash(_("A lesson needs a title; its id may use lower-case letters, digits and '-'."), "error")
    return redirect(url_for("editor.course", folder=folder))


def _layout_change(folder: str, name: str) -> tuple[LayoutForm, list[str]] | None:
    """The form and lesson list for a move or removal, None when the list changed meanwhile."""
    _editable(folder)
    form = LayoutForm()
    names = services.store().lesson_files(folder)
    if not form.validate_on_submit() or check_file(name) not in names:
        abort(404)
    if form.version.data != _layout_version(folder):
        flash(_("The lesson list changed since you loaded the page. Here it is now; please try again."), "error")
        return None
    return form, names


@bp.route("/<folder>/lessons/<name>/move", methods=["POST"])
@allow(*AUTHORS)
def move_lesson(folder, name):
    """Move a lesson up or down; file numbers change, lesson ids do not."""
    change = _layout_change(folder, name)
    if change is not None:
        form, names = change
        i = names.index(name)
        j = i - 1 if form.direction.data == "up" else i + 1
        if 0 <= j < len(names):
            names[i], names[j] = names[j], names[i]
            services.store().reorder(folder, names)
            flash(_("Lesson order changed in the draft."), "success")
    return redirect(url_for("editor.course", folder=folder))


@bp.route("/<folder>/lessons/<name>/remove", methods=["POST"])
@allow(*AUTHORS)
def remove_lesson(folder, name):
    """Remove a lesson from the draft; learners keep their progress on it."""
    if _layout_change(folder, name) is not None:
        problems = services.remove_lesson(current_user, folder, name)
        for problem in problems:
            flash(str(problem), "error")
        if not problems:
            db.session.commit()
            flash(_("Lesson removed from the draft."), "success")
    return redirect(url_for("editor.course", folder=folder))


@bp.route("/<folder>/lessons/<name>/title", methods=["POST"])
@allow(*AUTHORS)
def rename_lesson(folder, name):
    """Give a lesson a new title (its id and address stay the same)."""
    _editable(folder)
    store = services.store()
    text = store.read(folder, check_file(name))
    form = TitleForm()
    if text is None or not form.validate_on_submit():
        abort(404 if text is None else 400)
    result = store.save(folder, name, documents.with_title(text, form.title.data.strip()), form.version.data)
    if result.conflict:
        flash(_("Someone changed this lesson since you loaded the page. Here it is now; please try again."), "error")
    for problem in result.problems:
        flash(str(problem), "error")
    if result.saved:
        flash(_("Lesson renamed in the draft."), "success")
    return redirect(url_for("editor.course", folder=folder))


@bp.route("/<folder>/quiz", methods=["POST"])
@allow(*AUTHORS)
def add_final_quiz(folder):
    """Open the final quiz file for editing (it is created on its first save)."""
    _editable(folder)
    return redirect(url_for("editor.edit", folder=folder, name=FINAL_QUIZ_FILE))


@bp.route("/<folder>/files/<name>", methods=["GET", "POST"])
@allow(*AUTHORS)
def edit(folder, name):
    """Edit one Markdown file beside its preview and problems; save into the draft."""
    _editable(folder)
    store = services.store()
    current = store.read(folder, check_file(name))
    if current is None and name != FINAL_QUIZ_FILE:
        abort(404)
    form = FileForm(data={"text": current or "", "version": version_of(current)})
    result = None
    if request.method == "POST":
        form = FileForm()
        if not form.validate_on_submit():
            abort(400)
        if request.form.get("action") == "save":
            result = store.save(folder, name, form.text.data or "", form.version.data)
            if result.saved:
                flash(_("Saved in the draft. Learners will see it once the course is published."), "success")
                return redirect(url_for("editor.edit", folder=folder, name=name))
            if result.conflict:
                # Saving again now is a deliberate choice to replace their version with yours.
                form.version.data = result.conflict.theirs_version
    shown = preview.build(folder, name, form.text.data or "")
    status = 409 if result and result.conflict else (422 if result and result.problems else 200)
    return render_template("editor/edit.html", folder=folder, name=name, form=form, result=result,
                           preview=shown, is_lesson=name not in (COURSE_FILE, FINAL_QUIZ_FILE),
                           title=documents.title_of(form.text.data, name),
                           course_title=documents.title_of(store.read(folder, COURSE_FILE), folder),
                           slug=lesson_slug(name) if name not in (COURSE_FILE, FINAL_QUIZ_FILE) else None), status


@bp.route("/<folder>/preview", methods=["POST"])
@allow(*AUTHORS)
def live_preview(folder):
    """The preview and problems of unsaved text, as an HTML fragment for editor.js."""
    _editable(folder)
    name = check_file(request.form.get("name", ""))
    shown = preview.build(folder, name, request.form.get("text", ""))
    return render_template("editor/_preview.html", preview=shown, folder=folder, name=name)


@bp.route("/<folder>/asset/<path:rel>")
@bp.route("/<folder>/asset/<slug>/files/<path:rel>")
@allow(*AUTHORS)
def asset(folder, rel, slug=None):
    """An image of the course's working copy, so previews show uploads before publishing.
    (The loader puts `<slug>/files/` after the asset base; the slug is not needed here.)"""
    _editable(folder)
    path = services.store().asset(folder, rel)
    if path is None:
        abort(404)
    return send_file(path, max_age=0)


@bp.route("/<folder>/publish", methods=["POST"])
@allow(*AUTHORS)
def publish(folder):
    """Check the whole draft and make it live for learners."""
    _editable(folder)
    form = PublishForm()
    if not form.validate_on_submit() or not services.store().has_draft(folder):
        abort(400)
    result, sha = services.publish(current_user, folder, form.summary.data or "", bool(form.force.data))
    if result.stale:
        flash(_("The live course changed since this draft began (someone published or edited the files). "
                "Check the draft, then tick the box to replace the live version anyway."), "error")
    elif result.course is None:
        for problem in result.problems:
            flash(str(problem), "error")
        flash(_("The draft has problems, so nothing was published."), "error")
    else:
        db.session.commit()
        flash(_("Published. Learners now see the new version."), "success")
        if sha:
            flash(_("Recorded in the history as commit %(sha)s.", sha=sha[:10]), "info")
    return redirect(url_for("editor.course", folder=folder))


@bp.route("/<folder>/discard", methods=["POST"])
@allow(*AUTHORS)
def discard(folder):
    """Throw the draft away; the live course is untouched."""
    _editable(folder)
    if not DiscardForm().validate_on_submit():
        flash(_("Nothing was discarded: tick the box to confirm that the draft should be thrown away."), "error")
        return redirect(url_for("editor.course", folder=folder))
    live = services.store().live_dir(folder).is_dir()
    services.discard_draft(current_user, folder)
    db.session.commit()
    flash(_("The draft was discarded."), "success")
    return redirect(url_for("editor.course", folder=folder) if live else url_for("editor.index"))
