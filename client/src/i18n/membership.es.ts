/** Spanish: the membership screens. */
import type { MembershipDictionary } from "./membership-dictionary.ts";

export const membershipEs: MembershipDictionary = {
  membership: {
    roleAdmin: "administrador",
    roleMember: "miembro",
    makeManager: (name) => `Hacer administrador a ${name}`,
    makeMember: (name) => `Hacer miembro normal a ${name}`,
    remove: (name) => `Quitar a ${name}`,
    removeConfirm: (name) => `¿Quitar a ${name} del grupo?`,
    removeExplain:
      "Dejará de recibir cosas nuevas enseguida. Quitar a alguien no borra lo que ya vio: su teléfono conserva lo que se compartió antes.",
    confirmRemove: "Sí, quitar",
    leave: "Salir de este grupo",
    leaveTitle: "¿Salir de este grupo?",
    leaveExplain: "Dejarás de recibir cosas nuevas de este grupo. Lo que ya está en este teléfono se queda aquí.",
    leaveSuccessorLabel: "¿Quién administrará el grupo después de ti?",
    leaveSuccessorHint: "Un grupo siempre necesita un administrador. La persona que elijas lo será.",
    confirmLeave: "Sí, salir",
    actionsFor: (name) => `Acciones para ${name}`,

    inviteExpiryLabel: "El enlace funciona durante",
    inviteExpiry1h: "1 hora",
    inviteExpiry24h: "1 día",
    inviteExpiry72h: "3 días",
    inviteExpiry7d: "7 días",
    inviteNoteLabel: "¿Para quién es? (opcional)",
    inviteNoteHint: "Tu grupo y la persona que invitas ven esta nota, por ejemplo «para María».",
    inviteWarningFor: (hours) =>
      `Cualquier persona con este enlace puede unirse a este grupo una vez, dentro de ${hours === 1 ? "1 hora" : hours < 48 ? `${hours} horas` : `${Math.round(hours / 24)} días`}. Envíalo solo a la persona que quieres invitar.`,

    pendingTitle: "Invitaciones sin usar",
    pendingEmpty: "No hay invitaciones abiertas.",
    pendingItem: (note, expires) => `${note ?? "Invitación"} — funciona hasta el ${expires}`,
    revoke: "Cancelar invitación",
    revokeLabel: (what) => `Cancelar invitación: ${what}`,

    historyTitle: "Quién llegó y quién se fue",
    eventCreated: (by) => `${by} creó el grupo`,
    eventJoined: (who, by) => (by === null ? `${who} se unió` : `${who} se unió (invitado por ${by})`),
    eventRemoved: (by, who) => `${by} quitó a ${who}`,
    eventLeft: (who) => `${who} salió del grupo`,
    eventManager: (by, who) => `${by} hizo administrador a ${who}`,
    eventMember: (by, who) => `${by} hizo miembro normal a ${who}`,

    removedTitle: "Ya no estás en este grupo",
    leftTitle: "Saliste de este grupo",
    removedBody:
      "Todavía puedes leer lo que había en este teléfono, pero no llegará nada nuevo y no puedes hacer cambios. Quitar a alguien no borra lo que ya vio.",

    devicesTitle: "Tus dispositivos",
    devicesLink: "Agregar otro dispositivo",
    devicesIntro:
      "Usa Porch en otro teléfono o tableta: crea un enlace aquí y ábrelo en el otro dispositivo dentro de 10 minutos.",
    devicesMakeLink: "Crear un enlace para mi otro dispositivo",
    devicesLinkLabel: "Enlace para tu otro dispositivo",
    devicesLinkExpires: (time) => `Este enlace funciona una sola vez, hasta las ${time}.`,
    devicesQrLabel: "Código QR del enlace para tu otro dispositivo. Escanéalo con la cámara de ese dispositivo.",
    devicesWarning:
      "Este enlace da acceso completo a tu cuenta. Ábrelo solo en tu propio dispositivo; nunca se lo envíes a nadie.",

    noticeDeviceAdded: (date) => `Se agregó un dispositivo nuevo a tu cuenta el ${date}.`,
    noticeWhatToDo:
      "Si no fuiste tú, alguien puede tener tus palabras de recuperación: crea una cuenta nueva, avisa a tus grupos y pide a un administrador que quite tu cuenta anterior.",
    noticeDismiss: "Entendido",

    linkTitle: "Agregando este dispositivo",
    linking: "Conectando con tu otro dispositivo…",
    linkFailed: "No se pudo agregar este dispositivo",
    linkDone: "Este dispositivo está listo.",

    onboardHaveAccount: "¿Ya usas Porch?",
    onboardRecoverLink: "Recupera tu cuenta con tus 24 palabras de recuperación",
    onboardLinkHint: "O, en el dispositivo que ya usas, abre «Agregar otro dispositivo» y abre ese enlace aquí.",

    recoverTitle: "Recupera tu cuenta",
    recoverIntro:
      "Escribe tus 24 palabras de recuperación en orden, separadas por espacios. Tus grupos y su historial volverán.",
    recoverPhraseLabel: "Tus 24 palabras de recuperación",
    recoverPhraseHint: "No importan las mayúsculas, y los acentos son opcionales.",
    recoverNameLabel: "Tu nombre en este dispositivo",
    recoverSubmit: "Recuperar mi cuenta",
    recovering: "Recuperando tus grupos…",
    phraseUnknownWord: (position) => `La palabra ${position} no está en la lista. Revisa cómo está escrita.`,
    phraseWrongLength: (count) =>
      `Escribiste ${count} ${count === 1 ? "palabra" : "palabras"}. Las palabras de recuperación son 24.`,
  },
};
