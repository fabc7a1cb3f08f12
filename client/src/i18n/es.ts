/**
 * Español para hispanohablantes en EE. UU.: de "tú", cálido y sencillo. Numbers and dollars use
 * `es-US` ("$1,500"), which is what members see on their bills and paychecks.
 */
import type { Dictionary } from "./dictionary.ts";
import { journalEs, journalErrorsEs } from "./journal.es.ts";
import { cohortsEs } from "./cohorts.es.ts";
import { firstEs } from "./first.es.ts";
import { lifeEs } from "./life.es.ts";
import { groupScreenEs } from "./group-screen.es.ts";
import { membershipEs } from "./membership.es.ts";
import { formatNumber, pluralCategory } from "./format.ts";

export const es: Dictionary = {
  ...membershipEs,
  ...lifeEs,
  ...groupScreenEs,
  ...journalEs,
  ...cohortsEs,
  ...firstEs,
  appName: "Porch",
  loading: "Abriendo Porch…",
  otherTab: "Porch está abierto en otra pestaña o ventana. Usa esa: esta página sigue sola cuando la cierres.",
  startFailed: "Porch no pudo iniciar en este teléfono. Ciérralo y vuelve a abrirlo.",
  unexpected: "Algo salió mal. Por favor, inténtalo de nuevo.",
  switchTo: "English",
  switchToLabel: "Switch to English",
  mainNav: "Principal",
  backToGroups: "Volver a tus grupos",
  cancel: "Cancelar",

  onboardTitle: "Te damos la bienvenida a Porch",
  onboardIntro:
    "Porch ayuda a unas cuantas familias que se tienen confianza a ponerse metas, echarse porras y apoyarse para cumplirlas. Lo que escribes queda en privado, solo para tu grupo.",
  onboardLangLegend: "Idioma",
  onboardNameLabel: "Tu nombre",
  onboardNameHint: "Así te verá tu grupo. Con tu primer nombre basta.",
  onboardSubmit: "Empezar",
  onboardInvited: "Te invitaron a un grupo. Primero prepara Porch y luego te llevamos ahí.",
  nameRequired: "Por favor, escribe tu nombre.",
  nameTooLong: (max) => `Por favor, usa ${max} caracteres o menos para tu nombre.`,

  recoveryTitle: "Tus palabras de recuperación",
  recoveryExplain:
    "Estas 24 palabras son la única forma de recuperar tu cuenta si pierdes este teléfono. Escríbelas en papel y guárdalas en un lugar seguro. Porch no puede recuperarlas por ti.",
  recoveryListLabel: "Palabras de recuperación, en orden",
  recoveryConfirm: "Ya las escribí",
  recoveryContinue: "Continuar",

  homeTitle: "Tus grupos",
  homeEmptyTitle: "Todavía no estás en ningún grupo",
  homeEmptyBody:
    "Un grupo son unas cuantas familias que se conocen, por lo general de 4 a 8. Cada familia se pone sus propias metas, y el grupo se echa porras y se apoya para cumplirlas. Crea un grupo e invita a tus amistades con un enlace, o abre la invitación que alguien te mandó.",
  createGroupTitle: "Crear un grupo",
  createGroupNameLabel: "Nombre del grupo",
  createGroupSubmit: "Crear grupo",
  groupNameRequired: "Por favor, ponle un nombre a tu grupo.",
  groupNameTooLong: (max) => `Por favor, usa ${max} caracteres o menos para el nombre del grupo.`,

  groupNotFoundTitle: "No encontramos el grupo",
  groupNotFound: "Este grupo no está (todavía) en este teléfono. Si acabas de unirte, puede que siga llegando.",
  membersTitle: "Miembros",
  you: "tú",
  unknownMember: "Un miembro",
  goalsTitle: "Metas",
  goalsEmpty: "Todavía no hay metas. ¡Agrega la primera!",
  goalBy: "De",
  goalTarget: "Cantidad",
  goalEdit: "Editar",
  goalEditLabel: (title) => `Editar meta: ${title}`,
  addGoalTitle: "Agregar una meta",
  editGoalTitle: "Editar tu meta",
  goalTitleLabel: "Meta",
  goalCategoryLabel: "Categoría",
  goalTargetLabel: "Cantidad en dólares (opcional)",
  goalTargetHint: "Solo dólares enteros, por ejemplo 1500.",
  goalAdd: "Agregar meta",
  goalSave: "Guardar",
  goalTitleRequired: "Por favor, escribe tu meta.",
  goalTitleTooLong: (max) => `Por favor, usa ${max} caracteres o menos para la meta.`,
  goalTargetInvalid: "Por favor, escribe la cantidad en dólares enteros, como 1500, o déjala en blanco.",
  goalTargetTooLarge: (max) => `Por favor, elige una cantidad de ${max} o menos.`,
  categories: {
    income: "Ingresos",
    savings: "Ahorros",
    debt: "Pagar deudas",
    education: "Educación y habilidades",
    housing: "Vivienda",
    health: "Salud",
    business: "Negocio",
    family: "Familia",
    other: "Otra",
  },

  inviteTitle: "Invitar a alguien",
  inviteLinkLabel: "Enlace de invitación",
  inviteWarning:
    "Cualquier persona que tenga este enlace puede unirse a este grupo una sola vez, dentro de 72 horas. Mándalo solo a la persona que quieres invitar.",
  inviteCopy: "Copiar",
  inviteCopied: "Enlace copiado.",
  inviteCopyFailed: "No se pudo copiar. Mantén presionado el enlace para copiarlo.",
  inviteShare: "Compartir",
  inviteShareText: (group) => `Únete a mi grupo "${group}" en Porch:`,
  inviteQrLabel: "Código QR del enlace de invitación. La otra persona lo puede escanear con la cámara de su teléfono.",

  joinTitle: "Uniéndote a un grupo",
  joining: "Uniéndote al grupo…",
  joinFailedTitle: "No pudimos unirte al grupo",
  tryAgain: "Intentar de nuevo",

  syncSynced: "Sincronizado",
  syncSyncing: "Sincronizando…",
  syncOffline: (pending) => {
    if (pending === 0) return "Sin conexión — todo está guardado en este teléfono";
    const n = formatNumber(pending, "es");
    switch (pluralCategory(pending, "es")) {
      case "one":
        return `Sin conexión — ${n} cambio guardado en este teléfono; se enviará cuando vuelvas a tener conexión`;
      case "many":
        return `Sin conexión — ${n} de cambios guardados en este teléfono; se enviarán cuando vuelvas a tener conexión`;
      default:
        return `Sin conexión — ${n} cambios guardados en este teléfono; se enviarán cuando vuelvas a tener conexión`;
    }
  },
  syncError: (sentence) => `Problema al sincronizar: ${sentence}`,

  errors: {
    ...journalErrorsEs,
    "malformed-frame": "Porch recibió un mensaje que no pudo leer. Actualiza la app e inténtalo de nuevo.",
    "unsupported-version": "Esta versión de Porch ya no está al día. Ciérrala y vuelve a abrirla para actualizarla.",
    "frame-too-large": "Eso es demasiado grande para enviarlo. Intenta con algo más corto.",
    "unknown-request": "Porch no entendió esa solicitud. Actualiza la app e inténtalo de nuevo.",
    "not-authenticated":
      "Este teléfono todavía no se conecta con el servidor. Espera un momento y vuelve a intentarlo.",
    "auth-failed": "El servidor no pudo confirmar este teléfono. Cierra Porch y vuelve a abrirlo.",
    "rate-limited": "Demasiados intentos en poco tiempo. Espera un minuto y vuelve a intentarlo.",
    internal: "Algo salió mal en el servidor. Tus cambios están a salvo en este teléfono; inténtalo más tarde.",
    "too-many-catch-ups":
      "Este teléfono pidió al servidor el mismo grupo demasiadas veces a la vez. Porch volverá a intentarlo solo; tus cambios están a salvo en este teléfono.",
    "not-subscribed":
      "Porch perdió por un momento el hilo de este grupo en el servidor. Se pondrá al día otra vez por sí solo.",
    "slow-consumer":
      "La conexión era demasiado lenta para seguir el ritmo, así que el servidor la cerró. Porch se vuelve a conectar solo y sigue donde se quedó; tus cambios están a salvo en este teléfono.",
    "hello-timeout": "La conexión con el servidor tardó demasiado en empezar. Porch lo volverá a intentar solo.",
    "too-many-connections":
      "El servidor tiene demasiadas conexiones abiertas tuyas o de tu red. Cierra Porch en otras pestañas o teléfonos, o inténtalo más tarde.",
    "device-taken":
      "El servidor dice que otra persona ya usa el código de dispositivo de este teléfono, así que rechazó la conexión. Vuelve a añadir este teléfono con tus palabras de recuperación.",
    "too-many-groups": "Llegaste al máximo de grupos que este servidor deja crear a una persona.",
    "too-many-links":
      "Hay demasiados enlaces para añadir un teléfono abiertos a la vez. Espera 10 minutos a que caduquen los anteriores y crea uno nuevo.",
    "group-full":
      "Este grupo usó todo el espacio que permite el servidor, así que los cambios nuevos se quedan en este teléfono. Pide más espacio a quien administra tu servidor.",
    "bad-signature": "No se pudo comprobar un cambio, así que Porch lo ignoró para proteger a tu grupo.",
    "bad-id": "Ese enlace o código no está bien. Revísalo y vuelve a intentarlo.",
    "group-exists": "Este grupo ya existe.",
    "group-not-found": "No encontramos este grupo. Es posible que lo hayan borrado.",
    "not-a-member": "No eres miembro de este grupo.",
    "not-admin": "Solo la persona que administra este grupo puede hacer eso.",
    "stale-head":
      "El grupo cambió mientras trabajabas. Porch se está poniendo al día; inténtalo de nuevo en un momento.",
    "bad-entry": "Un cambio en los miembros del grupo no era válido, así que Porch lo ignoró.",
    "clock-skew": "Parece que el reloj de este teléfono no está bien. Revisa la fecha y la hora en la configuración.",
    "time-went-backwards": "El reloj de este teléfono se atrasó. Revisa la fecha y la hora en la configuración.",
    "invite-not-found": "Este enlace de invitación no funciona — pide un enlace nuevo.",
    "invite-expired": "Esta invitación ya venció — pide un enlace nuevo.",
    "invite-used": "Esta invitación ya se usó — pide un enlace nuevo.",
    "lockbox-missing":
      "Porch todavía no tiene tu llave para este grupo. Pídele a alguien del grupo que abra Porch para que se te pueda compartir.",
    "invite-revoked": "Esta invitación fue cancelada — pide un enlace nuevo.",
    "member-not-found": "Esa persona ya no está en este grupo.",
    "last-admin":
      "Un grupo siempre necesita a alguien que lo administre. Primero haz administradora a otra persona del grupo.",
    "removed-from-group": "Ya no estás en este grupo. Puedes seguir leyendo lo que ya viste; no llegará nada nuevo.",
    "bad-checkpoint":
      "El resumen de miembros del grupo no estaba firmado por dos de sus miembros, así que Porch no lo usó. Inténtalo de nuevo o pide una invitación nueva.",
    "checkpoint-mismatch":
      "El resumen de miembros del grupo no coincide con su historial, así que Porch lo rechazó. No se perdió nada; pide una invitación nueva.",
    "key-commitment-mismatch":
      "Este grupo no pasó una revisión de seguridad, así que Porch se detuvo para protegerlo. Pide una invitación nueva.",
    "bad-envelope": "Un cambio llegó dañado y se ignoró. Se volverá a enviar.",
    "wrong-group": "Llegó aquí un cambio que era para otro grupo, y se ignoró.",
    "stale-epoch": "Las llaves del grupo cambiaron. Porch se está poniendo al día; inténtalo de nuevo en un momento.",
    "unknown-log-head":
      "A Porch le falta parte de la historia del grupo y se está poniendo al día. Inténtalo de nuevo en un momento.",
    "counter-gap":
      "Parece que faltan algunos cambios de tu grupo: puede que el servidor esté reteniendo algunos. Porch sigue comprobando. Si esto se repite, avisa a tu grupo.",
    "counter-reused": "Un cambio parecía copia de uno anterior, así que Porch lo ignoró para proteger a tu grupo.",
    "decrypt-failed": "Porch no pudo abrir un cambio. Puede que se haya hecho con una llave anterior.",
    "foreign-actor": "Llegó un cambio de alguien que no está en este grupo, así que Porch lo ignoró.",
    "snapshot-not-found": "No hay una copia guardada del grupo en ese punto para confirmar.",
    "snapshot-own":
      "Un dispositivo no puede confirmar su propia copia guardada del grupo; tiene que hacerlo otro miembro.",
    "forged-snapshot":
      "Alguien envió una copia guardada del grupo con cambios que no coinciden con lo que escribieron sus miembros, así que Porch la ignoró.",
    "snapshot-unacknowledged":
      "El relé envió una copia guardada del grupo que ningún otro miembro ha confirmado, así que Porch no la usó.",
    "rollback-detected":
      "El servidor mandó datos más viejos de los que ya tiene este teléfono. Porch se quedó con tus datos más nuevos. Avísale a tu grupo si esto sigue pasando.",
    "link-expired":
      "Este enlace para agregar un teléfono ya venció. Crea uno nuevo en tu otro teléfono — los enlaces duran 10 minutos.",
    "link-not-found": "Este enlace para agregar un teléfono no funciona. Crea uno nuevo en tu otro teléfono.",
    "link-bad-mac":
      "No se pudo comprobar este teléfono, así que tu otro teléfono no confió en él. Crea un enlace nuevo e inténtalo otra vez.",
    "phrase-unknown-word":
      "Una de las palabras no está en la lista de palabras de recuperación. Revisa cómo está escrita.",
    "phrase-bad-checksum": "Estas palabras no coinciden entre sí. Revisa cada palabra y el orden.",
    "phrase-wrong-length": "Las palabras de recuperación son 24. Revisa que no falte ninguna.",
    "storage-failed":
      "El almacenamiento de este teléfono no permitió guardar ni abrir los datos de Porch (puede estar lleno). No se borró nada: libera espacio y vuelve a abrir Porch.",
    "cohort-not-found": "No se encontró esta inscripción al programa. Pide a la organización un enlace nuevo.",
    "cohort-exists": "Este programa ya existe.",
    "bad-cohort":
      "Se rechazó la configuración del programa (sus reglas deben mantener ocultos los números de cada familia). Revísala y vuelve a intentarlo.",
    "not-organization": "Solo la organización que dirige este programa puede hacer eso.",
    "not-enrolled": "No estás inscrito en este programa. Abre primero el enlace de inscripción de la organización.",
    "group-too-small": "Para unirte a un programa, elige un grupo con al menos otro miembro.",
    "cohort-full": "Este programa ya tiene todas las familias que puede recibir. Pregunta a la organización por otro.",
    "round-not-found": "No se encontró este periodo de reporte.",
    "round-exists": "Este programa ya tiene un periodo de reporte para ese mes.",
    "bad-call":
      "La configuración del periodo de reporte no es coherente (revisa k, t, los mínimos y las fechas límite).",
    "wrong-phase": "Ese paso no está abierto ahora en este periodo de reporte. Ocurrirá solo cuando sea el momento.",
    "late-report": "Este periodo de reporte ya cerró; tus números no se enviaron. Puedes compartir el próximo periodo.",
    "bad-report": "Se rechazó tu reporte porque no coincidía con el periodo. Porch lo volverá a preparar.",
    "already-reported":
      "Ya compartiste este mes en otro programa. Un reporte por mes mantiene justos los totales de todos.",
    "not-a-steward": "Solo los custodios de este periodo pueden hacer eso.",
    "bad-reveal": "El sorteo de custodios rechazó esta respuesta.",
    "bad-partial": "Se rechazó el total de un custodio.",
    "manifest-invalid":
      "Este periodo de reporte no pasó los controles de seguridad de Porch, así que no se envió nada. Tus números se quedan en este teléfono.",
    "journal-deleted":
      "Tu diario se borró del servidor de Porch desde otro de tus dispositivos. Este dispositivo todavía tiene su copia y ya no la sincroniza: bórrala aquí también o guárdala solo en este dispositivo.",
    offline:
      "No tienes conexión. Conéctate a internet y vuelve a intentarlo; lo que cambiaste está guardado en este teléfono.",
    timeout: "El servidor tardó demasiado en responder. Revisa tu conexión y vuelve a intentarlo.",
    "wrong-relay":
      "Este servidor respondió por una dirección distinta de la que Porch usó, así que Porch no inició sesión. Si administras este servidor, haz que el proxy delante de él pase el encabezado Host.",
  },
};
