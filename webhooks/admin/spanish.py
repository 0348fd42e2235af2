"""SQLAdmin's own words (buttons, pagination, login, dialogs) in the salon's Spanish.

SQLAdmin marks them for gettext in its templates but ships no Spanish catalog, so this one is installed into
the admin's Jinja environment: its templates stay SQLAdmin's, and an upgrade that adds a word is caught by
tests/webhooks/test_admin_spanish.py rather than shown in English.
"""

from sqladmin.templating import Jinja2Templates

CATALOG = {
    # Layout, lists and pagination.
    "Logout": "Salir",
    "Language": "Idioma",
    "List": "Lista",
    "Details": "Detalle",
    "Create": "Añadir",
    "Edit": "Editar",
    "Delete": "Borrar",
    "View": "Ver",
    "Export": "Descargar",
    "Import": "Importar",
    "Import CSV": "Importar CSV",
    "Actions": "Acciones",
    "Delete selected items": "Borrar los marcados",
    "Search": "Buscar",
    "Select all": "Marcar todos",
    "Select item": "Marcar",
    "Showing %(start)s to %(end)s of %(count)s items": "Del %(start)s al %(end)s de %(count)s",
    "prev": "anterior",
    "next": "siguiente",
    "Show": "Ver",
    "%(size)s / Page": "%(size)s por página",
    "Filters": "Filtros",
    "Clear filter": "Quitar filtro",
    "Apply Filter": "Filtrar",
    "You are not authorized to view these records.": "No tienes permiso para ver estos datos.",
    # Details, forms and dialogs. The save buttons' values stay SQLAdmin's (scoped_create.html, scoped_edit.html).
    "Column": "Dato",
    "Value": "Valor",
    "Go Back": "Volver",
    "New %(name)s": "Añadir %(name)s",
    "Edit %(name)s": "Editar %(name)s",
    "Cancel": "Cancelar",
    "Save": "Guardar",
    "Save and continue editing": "Guardar y seguir editando",
    "Save and add another": "Guardar y añadir otro",
    "Save as new": "Guardar como nuevo",
    "Please confirm": "¿Seguro?",
    "Yes": "Sí",
    "Close": "Cerrar",
    "Done": "Hecho",
    "Access": "Acceso",
    "Page": "Página",
    "Permissions": "Permisos",
    "You are not allowed to grant: %(permissions)s": "No puedes conceder: %(permissions)s",
    # Importing (no view here imports, but the words exist in the templates).
    "Choose CSV file": "Elige un archivo CSV",
    "No file selected": "Ningún archivo elegido",
    "Skip invalid rows and continue import": "Saltar las filas con errores y seguir",
    "Import progress": "Progreso",
    "%(processed)s/%(total)s rows processed": "%(processed)s/%(total)s filas",
    "Import result": "Resultado",
    "Missed rows": "Filas no importadas",
    "Download CSV": "Descargar CSV",
    "Download TXT": "Descargar TXT",
    "Refresh list": "Actualizar la lista",
    # The login page, and the refusal SQLAdmin puts on it (sqladmin/login.html translates it).
    "Login to %(title)s": "Entrar en %(title)s",
    "Username": "Usuario",
    "Enter username": "Tu usuario",
    "Password": "Contraseña",
    "Login": "Entrar",
    "Invalid credentials.": "Usuario o contraseña incorrectos.",
    # Starlette's words for an error page (sqladmin/error.html translates them).
    "Bad Request": "Petición no válida",
    "Forbidden": "No tienes permiso para verlo",
    "Not Found": "No encontrado",
    "Method Not Allowed": "Acción no permitida",
    "Internal Server Error": "Algo ha fallado; vuelve a intentarlo",
}


class SpanishCatalog:
    """The gettext interface Jinja's i18n extension calls; a word not in the catalog is shown as it is."""

    def gettext(self, message: str) -> str:
        return CATALOG.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


def speak_spanish(templates: Jinja2Templates) -> None:
    """Every `_()` of the admin's templates (SQLAdmin's and ours) answered from the catalog."""
    templates.env.install_gettext_translations(SpanishCatalog(), newstyle=True)  # type: ignore[attr-defined]
