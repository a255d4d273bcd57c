"""The window's language: Qt's translator for it, chosen from the preferences or the system locale.

The translations are Qt's own .ts sources and the .qm files pyside6-lrelease builds from
them, in resources/translations/ (README "Languages"). English is the source language;
its .qm holds only the plural forms ("1 file", "2 files"). Installing a translator makes
Qt send every widget a LanguageChange event, on which the window retranslates itself
in place (its rows stay).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from deepfake_desk.core.i18n import QT_TRANSLATE_NOOP
from deepfake_desk.core.resources import data_root

# Language code -> its name in that language (a language menu names each in its own words).
LANGUAGES = {"en": "English", "id": "Bahasa Indonesia"}
DEFAULT_LANGUAGE = "en"
SETTINGS_KEY = "language"  # "" or missing: follow the system locale
CATALOG = "deepfake_desk"  # resources/translations/deepfake_desk_<code>.qm

# Qt's standard buttons (Save, Discard, Close...) are translated in Qt's own qtbase catalog,
# which PySide6 does not ship for Indonesian: ours carries them under Qt's context.
_QT_BUTTONS = (
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"), QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"), QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"), QT_TRANSLATE_NOOP("QPlatformTheme", "Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "No"), QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes"), QT_TRANSLATE_NOOP("QPlatformTheme", "&No"),
)

translate = QCoreApplication.translate  # core.i18n.Translate: what the window passes to the core's wording


def translations_dir() -> Path:
    return data_root() / "resources" / "translations"


def catalog_path(language: str) -> Path:
    return translations_dir() / f"{CATALOG}_{language}.qm"


def system_language(locale: QLocale | None = None) -> str:
    """The app's language closest to the system locale's (English when there is none)."""
    name = (locale or QLocale.system()).name().split("_")[0]
    return name if name in LANGUAGES else DEFAULT_LANGUAGE


def chosen_language(settings: QSettings) -> str:
    """The language the user chose in the Language menu, else the system's."""
    saved = settings.value(SETTINGS_KEY, "", type=str)
    return saved if saved in LANGUAGES else system_language()


def locale_for(language: str) -> QLocale:
    """Numbers in `language`'s way ("87,5" in Indonesian); English keeps the system's region when it is English."""
    system = QLocale.system()
    if system.name().split("_")[0] == language:
        return system
    return QLocale("id_ID" if language == "id" else "en_US")


class Translation:
    """The installed translator of the app: one at a time, replaced when the language changes."""

    def __init__(self) -> None:
        self.language = ""
        self._translator: QTranslator | None = None

    def install(self, language: str) -> bool:
        """Switch the app to `language`; False (and nothing changed) when its catalog cannot be loaded."""
        if language not in LANGUAGES:
            return False
        if language == self.language:
            return True
        translator = QTranslator()
        if not translator.load(str(catalog_path(language))):
            return False
        app = QCoreApplication.instance()
        if self._translator is not None:
            app.removeTranslator(self._translator)
        QLocale.setDefault(locale_for(language))
        # Installing sends LanguageChange to every widget: set the locale first so they format with it.
        app.installTranslator(translator)
        self._translator, self.language = translator, language
        return True


APP_TRANSLATION = Translation()  # the app has one language at a time
