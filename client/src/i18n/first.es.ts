/** Español (Estados Unidos): los primeros días (invitación, ajustes, línea de conexión). */
import type { FirstDictionary } from "./first-dictionary.ts";
import { formatNumber, pluralCategory } from "./format.ts";

export const firstEs: FirstDictionary = {
  first: {
    syncConnecting: (pending) => {
      if (pending === 0) return "Conectando…";
      const n = formatNumber(pending, "es");
      const category = pluralCategory(pending, "es");
      return category === "one"
        ? `Conectando… ${n} cambio guardado en este teléfono`
        : category === "many"
          ? `Conectando… ${n} de cambios guardados en este teléfono`
          : `Conectando… ${n} cambios guardados en este teléfono`;
    },
    settingsLink: "Ajustes",

    landingTitle: "Te invitaron",
    landingChecking: "Revisando tu invitación…",
    landingInvitedBy: (inviter, group) => `${inviter} te invitó a unirte a “${group}” en Porch.`,
    landingInvitedTo: (group) => `Te invitaron a unirte a “${group}” en Porch.`,
    landingInvited: "Te invitaron a unirte a un grupo en Porch.",
    landingNoteFrom: (inviter) => `Una nota de ${inviter}`,
    landingNote: "Una nota para ti",
    landingExpires: (date) => `Este enlace sirve hasta el ${date}, una sola vez.`,
    landingNext:
      "Para unirte, primero prepara Porch en este teléfono: elige tu nombre y guarda tus 24 palabras de recuperación. Toma unos dos minutos.",
    landingContinue: "Preparar Porch y unirme",
    landingDeadTitle: "Esta invitación no se puede usar",
    landingDead: {
      "invite-used": "Alguien ya usó este enlace de invitación. Cada enlace sirve una sola vez.",
      "invite-revoked": "La persona que hizo esta invitación la canceló.",
      "invite-expired": "Este enlace de invitación ya venció.",
      "invite-not-found":
        "No encontramos esta invitación. Puede que el enlace esté cortado: revisa que lo copiaste completo.",
    },
    landingAskNew: "Pídele a la persona que te invitó que te mande un enlace nuevo.",
    landingUncheckedTitle: "No pudimos revisar esta invitación",
    landingUnchecked:
      "Porch no puede conectarse con su servidor ahora. Revisa tu conexión a internet e inténtalo de nuevo.",
    landingSetUpAnyway: "Preparar Porch de todos modos",
    landingSetUpWithout: "Preparar Porch sin unirme",

    settingsTitle: "Ajustes",
    nameTitle: "Tu nombre",
    nameLabel: "Nombre",
    nameHint: "Las personas de tus grupos ven este nombre.",
    nameSave: "Guardar nombre",
    nameSaved: "Guardado. Tus grupos verán tu nombre nuevo.",
    langTitle: "Idioma",
    langHint: "Porch recuerda tu elección en este teléfono.",
    devicesTitle: "Tus dispositivos",
    thisDevice: (date) => `Este dispositivo: añadido el ${date}`,
    otherDevice: (date) => `Otro dispositivo: añadido el ${date}`,
    devicesAdd: "Añadir otro dispositivo",
    devicesRemoveNote:
      "Cada dispositivo que añades tiene tu cuenta completa, y Porch todavía no puede quitar uno. Añade solo dispositivos que tengas siempre contigo.",
    wordsTitle: "Palabras de recuperación",
    wordsExplain: "Tus 24 palabras de recuperación te devuelven tu cuenta en un teléfono nuevo si pierdes este.",
    wordsShow: "Ver mis palabras de recuperación",
    wordsConfirmTitle: "¿Alguien está mirando tu pantalla?",
    wordsWarning:
      "Quien vea estas palabras puede quedarse con tu cuenta. Muéstralas solo donde nadie más pueda verlas. Nunca se las mandes a nadie: Porch nunca te las va a pedir.",
    wordsConfirm: "Nadie está mirando: mostrarlas",
    wordsCancel: "Cancelar",
    wordsHide: "Ocultar las palabras",

    dateInWords: (date) => `Fecha: ${date}`,
  },
};
