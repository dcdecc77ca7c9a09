"""The real catalogue, checked against the source articles and the design's vocabularies."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.content import builtin_catalog

import supple.catalog
import supple.safety
from supple.catalog import loader
from supple.catalog.models import Catalog, Exercise, Principle

SOURCES = Path(__file__).resolve().parents[3] / "shared" / "sources"

REQUIRED = {
    "light-cardio-warmup", "kneeling-hip-flexor-stretch", "standing-quad-stretch", "side-lying-quad-stretch",
    "couch-quad-stretch", "kneeling-couch-stretch", "standing-hamstring-stretch", "seated-hamstring-stretch",
    "supine-hamstring-strap-stretch", "wall-calf-stretch", "soleus-stretch", "seated-glute-stretch",
    "supine-figure-four", "pigeon-pose", "modified-pigeon", "childs-pose", "single-knee-to-chest",
    "double-knee-to-chest", "cat-cow", "supine-spinal-twist", "pelvic-tilts", "butterfly-stretch",
    "si-joint-knee-push", "shotgun-belt-press", "knee-ball-squeeze", "lateral-squat", "side-lying-leg-raise",
    "fire-hydrant", "banded-walk", "seated-leg-stretch-breaths", "standing-leg-stretch-breaths",
}  # fmt: skip


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return builtin_catalog()


def ex(catalog: Catalog, exercise_id: str) -> Exercise:
    return catalog.exercises[exercise_id]


def facts(exercise: Exercise) -> str:
    return " ".join(fact for source in exercise.sources for fact in source.facts)


def test_every_stretch_the_articles_describe_is_in_the_catalogue(catalog: Catalog) -> None:
    assert set(catalog.exercises) >= REQUIRED


def test_the_vocabularies_are_the_designs_public_ids(catalog: Catalog) -> None:
    vocabulary = catalog.vocabulary
    assert set(vocabulary.conditions) == {
        "lower-back-pain", "hip-pain", "groin-pain", "knee-pain", "kneecap-issues", "sciatica",
        "plantar-fasciitis", "heel-pain", "ankle-pain", "calf-foot-pain", "gait", "bunions", "foot-alignment",
        "leg-pain", "si-joint-pain", "stiffness", "upper-back-tension", "shoulder-flexibility", "stress-anxiety",
    }  # fmt: skip
    assert list(vocabulary.positions) == [
        "standing", "seated-chair", "kneeling", "all-fours", "seated-floor", "supine", "side-lying", "prone",
    ]  # fmt: skip
    assert {p for p, position in vocabulary.positions.items() if not position.floor} == {"standing", "seated-chair"}
    assert set(vocabulary.kinds) == {"warmup", "static", "dynamic", "isometric", "strength"}
    assert set(vocabulary.equipment) == {
        "pillow", "chair", "wall", "strap", "resistance-band", "ball", "raised-surface", "mat",
    }  # fmt: skip
    muscles = {
        "hip-flexors", "quadriceps", "hamstrings", "calves-gastrocnemius", "soleus", "glutes", "piriformis",
        "adductors", "abductors", "erector-spinae", "quadratus-lumborum", "obliques",
    }  # fmt: skip
    assert set(vocabulary.muscles) >= muscles


def test_every_exercise_cites_at_least_one_source_article(catalog: Catalog) -> None:
    articles = {r.title for r in catalog.vocabulary.references.values() if r.kind == "article"}
    for exercise in catalog:
        assert {s.title for s in exercise.sources} & articles, exercise.id


def test_every_condition_is_helped_by_some_exercise(catalog: Catalog) -> None:
    helped = {condition for exercise in catalog for condition in exercise.helps_with}
    assert helped == set(catalog.vocabulary.conditions)


def test_sided_exercises_are_dosed_per_side_and_static_holds_follow_the_guidance(catalog: Catalog) -> None:
    for exercise in catalog:
        assert exercise.dosage.per_side == exercise.sided
        if exercise.kind == "static" and exercise.dosage.hold_s is not None:
            assert 10 <= exercise.dosage.hold_s <= 30, exercise.id
            assert exercise.dosage.reps is not None and 1 <= exercise.dosage.reps <= 5, exercise.id


# --- facts from "Legs, Hip & Low Back Stretches" ---------------------------------------------


def test_the_kneeling_hip_flexor_stretch_follows_its_article(catalog: Catalog) -> None:
    stretch = ex(catalog, "kneeling-hip-flexor-stretch")
    assert (stretch.kind, stretch.position, stretch.sided) == ("static", "kneeling", True)
    assert (stretch.dosage.hold_range_s, stretch.dosage.reps) == ((20, 30), 3)
    assert {"hip-pain", "lower-back-pain", "groin-pain", "knee-pain"} <= set(stretch.helps_with)
    assert "pillow" in stretch.equipment.optional + stretch.equipment.required
    assert "kneels" in stretch.demands


def test_the_quad_stretches_help_the_kneecap_and_come_in_the_articles_three_positions(catalog: Catalog) -> None:
    positions = {
        ex(catalog, i).position for i in ("standing-quad-stretch", "side-lying-quad-stretch", "couch-quad-stretch")
    }
    assert positions == {"standing", "side-lying", "seated-chair"}  # standing, on the side, on a chair or couch
    assert "chair" in ex(catalog, "couch-quad-stretch").equipment.required
    for quad in ("standing-quad-stretch", "side-lying-quad-stretch", "couch-quad-stretch", "kneeling-couch-stretch"):
        stretch = ex(catalog, quad)
        assert "kneecap-issues" in stretch.helps_with
        assert (stretch.dosage.hold_range_s, stretch.dosage.reps, stretch.sided) == ((20, 30), 3, True)


def test_hamstring_stretches_help_gait_sciatica_and_plantar_fasciitis(catalog: Catalog) -> None:
    assert ex(catalog, "standing-hamstring-stretch").equipment.required == ("raised-surface",)
    assert ex(catalog, "seated-hamstring-stretch").position == "seated-floor"
    assert "strap" in ex(catalog, "supine-hamstring-strap-stretch").equipment.required
    for hamstring in ("standing-hamstring-stretch", "seated-hamstring-stretch", "supine-hamstring-strap-stretch"):
        stretch = ex(catalog, hamstring)
        assert "hamstrings" in stretch.targets
        assert {"gait", "sciatica", "plantar-fasciitis", "lower-back-pain"} <= set(stretch.helps_with)


def test_the_wall_calf_stretch_has_its_toe_up_and_turned_foot_variants(catalog: Catalog) -> None:
    calf = ex(catalog, "wall-calf-stretch")
    assert calf.equipment.required == ("wall",)
    assert {"plantar-fasciitis", "heel-pain", "bunions", "ankle-pain", "gait"} <= set(calf.helps_with)
    names = " ".join(v.name.lower() for v in calf.variations)
    assert "toe" in names and "turn" in names
    assert "20" in facts(calf)  # the 20-degree turn of the foot
    assert ex(catalog, "soleus-stretch").targets == ("soleus",)


def test_the_seated_glute_stretch_works_through_three_positions(catalog: Catalog) -> None:
    glute = ex(catalog, "seated-glute-stretch")
    assert (glute.position, glute.sided, glute.dosage.reps) == ("seated-chair", True, 3)
    assert {"sciatica", "gait", "calf-foot-pain"} <= set(glute.helps_with)
    assert "crosses-legs" in glute.demands
    text = " ".join(glute.steps + tuple(s for v in glute.variations for s in v.steps)).lower()
    assert "shoulder" in text and "forward" in text and "down" in text


def test_pigeon_helps_foot_alignment_and_has_a_modified_easier_form(catalog: Catalog) -> None:
    pigeon = ex(catalog, "pigeon-pose")
    assert "foot-alignment" in pigeon.helps_with
    assert "modified-pigeon" in pigeon.easier
    assert "supine-figure-four" in ex(catalog, "modified-pigeon").easier
    for demand in ("crosses-legs", "hip-external-rotation", "gets-to-floor"):
        assert demand in pigeon.demands


def test_childs_pose_has_its_variations_and_breath_count(catalog: Catalog) -> None:
    child = ex(catalog, "childs-pose")
    assert (child.position, child.sided) == ("kneeling", False)
    assert {"stress-anxiety", "upper-back-tension", "shoulder-flexibility", "sciatica"} <= set(child.helps_with)
    names = " ".join(v.name.lower() for v in child.variations)
    assert "wide" in names and "together" in names and "side" in names and "breath" in names
    assert "7-8" in facts(child)


# --- facts from the other articles -------------------------------------------------------------


def test_knee_to_chest_keeps_both_articles_doses(catalog: Catalog) -> None:
    single, double = ex(catalog, "single-knee-to-chest"), ex(catalog, "double-knee-to-chest")
    assert single.sided and not double.sided
    # the article that describes it with its own figures: 10 s holds, 3-5 a leg
    assert (single.dosage.hold_s, single.dosage.hold_range_s, single.dosage.reps) == (10, (10, 30), 5)
    assert "10 s" in facts(single)
    assert double.dosage.hold_s == 30
    assert "double-knee-to-chest" in single.harder


def test_cat_cow_and_pelvic_tilts_are_paced_moves(catalog: Catalog) -> None:
    cat_cow, tilts = ex(catalog, "cat-cow"), ex(catalog, "pelvic-tilts")
    assert (cat_cow.kind, cat_cow.position) == ("dynamic", "all-fours")
    assert (tilts.kind, tilts.position) == ("dynamic", "supine")
    assert all(m.dosage.reps and m.dosage.rep_s for m in (cat_cow, tilts))


def test_the_supine_twist_is_also_the_double_hip_rotation(catalog: Catalog) -> None:
    twist = ex(catalog, "supine-spinal-twist")
    assert any("double hip rotation" in a.lower() for a in twist.aliases)
    assert twist.sided and twist.dosage.hold_s == 30
    assert {"spinal-twist", "lies-on-back"} <= set(twist.demands)


def test_the_si_joint_push_is_a_gentle_isometric(catalog: Catalog) -> None:
    push = ex(catalog, "si-joint-knee-push")
    assert (push.kind, push.sided, push.dosage.hold_s, push.dosage.effort_pct) == ("isometric", True, 10, 20)
    assert "si-joint-pain" in push.helps_with
    assert "2-4" in facts(push)


def test_the_shotgun_belt_press_and_its_ball_squeeze(catalog: Catalog) -> None:
    belt, ball = ex(catalog, "shotgun-belt-press"), ex(catalog, "knee-ball-squeeze")
    assert belt.equipment.required == ("strap",) and ball.equipment.required == ("ball",)
    for move in (belt, ball):
        assert (move.kind, move.dosage.hold_s, move.position) == ("isometric", 5, "supine")
        assert "si-joint-pain" in move.helps_with


def test_strength_moves_have_reps_and_no_hold(catalog: Catalog) -> None:
    assert ex(catalog, "banded-walk").equipment.required == ("resistance-band",)
    for move in ("side-lying-leg-raise", "fire-hydrant", "banded-walk"):
        strength = ex(catalog, move)
        assert strength.kind == "strength" and strength.dosage.reps and strength.dosage.hold_s is None
    assert ex(catalog, "lateral-squat").dosage.hold_s == 30


def test_the_breath_paced_leg_stretches_count_three_breaths(catalog: Catalog) -> None:
    for stretch_id in ("seated-leg-stretch-breaths", "standing-leg-stretch-breaths"):
        stretch = ex(catalog, stretch_id)
        assert (stretch.dosage.breaths, stretch.dosage.hold_s, stretch.sided) == (3, None, True)
        assert "leg-pain" in stretch.helps_with


def test_the_warm_up_is_five_to_ten_minutes_of_light_cardio(catalog: Catalog) -> None:
    warmup = ex(catalog, "light-cardio-warmup")
    assert (warmup.kind, warmup.dosage.hold_s, warmup.dosage.hold_range_s) == ("warmup", 300, (300, 600))


def test_the_principles_cover_the_general_rules(catalog: Catalog) -> None:
    ids = {p.id for p in catalog.principles.principles}
    assert {
        "warm-up-first", "no-bouncing", "hold-times", "breathe-out-into-it", "mild-tension-never-pain",
        "how-often", "good-posture", "see-a-professional", "start-slowly", "check-first", "tighter-in-the-morning",
    } <= ids  # fmt: skip


def principle(catalog: Catalog, principle_id: str) -> Principle:
    return next(p for p in catalog.principles.principles if p.id == principle_id)


def test_the_pain_monitoring_model_is_a_next_day_loading_model_not_licence_to_stretch_into_pain(
    catalog: Catalog,
) -> None:
    """CLINICAL.md: zones 0-2 / 2-5 / above 5, for the next day's response; never stretch into pain."""
    silbernagel = "Silbernagel et al. (2007): the pain-monitoring model"
    never_pain = principle(catalog, "mild-tension-never-pain")
    assert silbernagel not in {source.title for source in never_pain.sources}
    cited = [f for p in catalog.principles.principles for s in p.sources if s.title == silbernagel for f in s.facts]
    text = " ".join(cited)
    assert "0-2" in text and "2-5" in text and "above 5" in text and "next" in text
    assert "3/10" not in text and "no licence to stretch into pain" in text


def test_nice_ng59_is_cited_for_exercise_programmes_not_stretching_first_line(catalog: Catalog) -> None:
    cited = [
        fact for p in catalog.principles.principles for s in p.sources
        if s.title.startswith("NICE NG59") for fact in s.facts
    ]  # fmt: skip
    assert cited and all("exercise programme" in fact and "does not single out stretching" in fact for fact in cited)


def test_every_built_in_exercise_states_its_level_and_the_hardest_variants_are_deep(catalog: Catalog) -> None:
    for path in (supple.catalog.data_dir() / "exercises").glob("*.yaml"):
        assert "level" in loader.read_yaml(path), path.name  # stated, not left to the default
    levels = {e.id: e.level for e in catalog}
    assert levels["pigeon-pose"] == levels["kneeling-couch-stretch"] == "deep"
    assert levels["couch-quad-stretch"] == "standard"
    assert levels["modified-pigeon"] != "deep" and levels["supine-figure-four"] == "gentle"
    assert levels["light-cardio-warmup"] == "gentle"


def test_the_couch_stretch_is_the_articles_gentle_reading_and_the_kneeling_one_its_harder_variant(
    catalog: Catalog,
) -> None:
    couch, kneeling = ex(catalog, "couch-quad-stretch"), ex(catalog, "kneeling-couch-stretch")
    assert couch.position == "seated-chair" and "gets-to-floor" not in couch.demands
    assert couch.harder == ("kneeling-couch-stretch",) and "couch-quad-stretch" in kneeling.easier
    assert kneeling.position == "kneeling" and "does not describe" in facts(kneeling)


def test_the_joint_demands_are_set_from_each_exercises_steps(catalog: Catalog) -> None:
    def having(demand: str) -> set[str]:
        return {e.id for e in catalog if demand in e.demands}

    # sitting back onto a folded knee, or the body's weight on a deeply bent one
    assert having("deep-knee-bend") == {"childs-pose", "couch-quad-stretch", "kneeling-couch-stretch", "pigeon-pose"}
    # the thigh back behind the body: the kneeling lunge, the couch stretch, the pigeons' back leg
    assert {"kneeling-hip-flexor-stretch", "kneeling-couch-stretch", "pigeon-pose"} <= having(
        "hip-extension-turned-out"
    )
    assert "standing-quad-stretch" not in having("hip-extension-turned-out")
    # child's pose keeps the knees apart, the belly between the thighs: not lying on the front
    assert having("lies-on-front") == {"pigeon-pose"}
    assert having("lies-on-back") == {e.id for e in catalog if e.position == "supine"}
    floor = {p for p, position in catalog.vocabulary.positions.items() if position.floor}
    assert having("gets-to-floor") == {e.id for e in catalog if e.position in floor}
    assert having("kneels") >= {e.id for e in catalog if e.position in ("kneeling", "all-fours")}


def test_the_dose_corrections_follow_the_articles_or_say_why_not(catalog: Catalog) -> None:
    butterfly = ex(catalog, "butterfly-stretch")
    assert (butterfly.dosage.hold_s, butterfly.dosage.reps) == (30, 1)  # the article's one 30 s hold
    glute = ex(catalog, "seated-glute-stretch")
    assert glute.dosage.reps == 3 and "nine" in facts(glute) and "supple's default" in facts(glute)
    assert any(v.name == "Three holds in each position" for v in glute.variations)


def test_every_condition_names_its_key_muscles_with_why_and_a_source(catalog: Catalog) -> None:
    vocabulary = catalog.vocabulary
    for condition_id, condition in vocabulary.conditions.items():
        assert set(condition.why) == set(condition.muscles), condition_id
        assert not condition.muscles or condition.sources, condition_id
    assert vocabulary.conditions["kneecap-issues"].muscles == ("quadriceps", "hamstrings", "calves-gastrocnemius")
    assert "piriformis" in vocabulary.conditions["sciatica"].muscles
    assert vocabulary.group_of("soleus") == vocabulary.group_of("calves-gastrocnemius") == "calves"


# --- our own words ------------------------------------------------------------------------------


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))


def ngrams(text: str, n: int) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def content_files() -> list[Path]:
    """Every file of content supple ships: the catalogue's and the safety data."""
    catalog_data = supple.catalog.data_dir()
    safety_data = supple.safety.data_dir()
    return sorted([*catalog_data.glob("*.yaml"), *(catalog_data / "exercises").glob("*.yaml"),
                   *safety_data.glob("*.yaml")])  # fmt: skip


# What is not supple's own writing: a cited work's title and where to find it, and a phone number.
NOT_PROSE = frozenset({"url", "file", "number"})


def strings(value: object, where: str) -> Iterator[tuple[str, str]]:
    """Every piece of text in a content file's data, with where it is; a citation's title (under
    `sources` or `references`) is the work's own and is left out."""
    if isinstance(value, dict):
        for key, item in value.items():
            cited = key == "title" and bool(re.search(r"(^|\.)sources\[", where) or where.startswith("references."))
            if not cited and key not in NOT_PROSE:
                yield from strings(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, f"{where}[{index}]")
    elif isinstance(value, str):
        yield where, value


def our_texts(catalog: Catalog | None = None) -> Iterator[tuple[str, str]]:
    """Every field of every content file (exercises, vocabulary, principles, questions,
    precautions), named by its file and field."""
    for path in content_files():
        for where, text in strings(loader.read_yaml(path), ""):
            yield f"{path.name}: {where}", text


def test_the_copy_check_reads_every_content_file_and_field() -> None:
    names = {path.name for path in content_files()}
    assert {"vocab.yaml", "principles.yaml", "questions.yaml", "precautions.yaml", "pigeon-pose.yaml"} <= names
    read = {f"{file}: {re.split(r'[.[]', field)[0]}" for file, field in (w.split(": ", 1) for w, _ in our_texts())}
    assert {"vocab.yaml: conditions", "questions.yaml: questions", "precautions.yaml: precautions",
            "principles.yaml: principles", "questions.yaml: help_numbers"} <= read  # fmt: skip
    fields = {where for where, _ in our_texts()}
    assert "questions.yaml: questions[0].text" in fields
    assert "principles.yaml: principles[0].title" in fields  # a principle's title is our own words
    assert "principles.yaml: principles[0].sources[0].facts[0]" in fields
    assert not any(where.endswith(".title") and "sources[" in where for where in fields)  # a cited title


@pytest.mark.skipif(not SOURCES.is_dir(), reason="the source articles live in ../shared/sources beside the clone")
def test_no_run_of_six_words_is_copied_from_the_articles() -> None:
    article_grams: set[tuple[str, ...]] = set()
    for path in SOURCES.glob("*.txt"):
        article_grams |= ngrams(path.read_text(encoding="utf-8"), 6)
    copied = [(where, " ".join(g)) for where, text in our_texts() for g in ngrams(text, 6) & article_grams]
    assert copied == []


def test_the_copy_check_would_catch_a_copied_sentence() -> None:
    copied = "Keep your leg straight and just lean in toward the wall."
    assert ngrams(copied, 6) & ngrams("With a shoe on, keep your leg straight and just lean in toward the wall.", 6)


def test_nothing_claims_to_diagnose_cure_or_heal() -> None:
    claims = re.compile(r"\b(cures?|heals?|diagnos\w*|guarantee\w*|fix(es)? your)\b", re.IGNORECASE)
    offending = [(where, text) for where, text in our_texts() if claims.search(text)]
    # The only allowed mentions say what supple is NOT, or quote the articles' own warning.
    allowed = [(w, t) for w, t in offending if re.search(r"\bnot\b", t)]
    assert offending == allowed
