/** Español: los programas de la organización, como los ve un miembro. */
import type { CohortsDictionary } from "./cohorts-dictionary.ts";

export const cohortsEs: CohortsDictionary = {
  cohorts: {
    enrolTitle: "Unirte a un programa",
    enrolInvited: (program) => `Te invitan a participar en ${program}.`,
    enrolHow:
      "Cada mes tu teléfono puede sumar tus respuestas a los totales de muchas familias a la vez. La organización ve solo esos totales —nunca los números de tu familia— y paga a los miembros por participar.",
    enrolNothingYet: "No se envía nada hasta que lo actives, respuesta por respuesta, en Compartir.",
    groupLabel: "Tu grupo para este programa",
    groupHelp: "Las familias se cuentan por grupo, para que los números de ningún grupo destaquen.",
    needGroup: "Primero crea un grupo o únete a uno: los programas cuentan a las familias por grupo.",
    nameLabel: "Tu nombre para la lista de la organización",
    nameHelp: "La organización lo usa para pagarte por participar. Solo la organización puede leerlo.",
    volunteer: "Puedo ayudar a sumar los totales (ser custodio)",
    volunteerHelp:
      "Cada mes se sortean algunas familias. El teléfono de un custodio suma piezas revueltas mientras Porch está abierto; nunca ve las respuestas de nadie.",
    enrolButton: "Unirme al programa",
    badLink: "Este enlace del programa no funciona. Pide uno nuevo a la organización.",
    programsTitle: "Programas a los que te uniste",
    enrolledIn: (program, families) =>
      families === null ? program : `${program} · ${families} ${families === 1 ? "familia" : "familias"}`,
    period: (month) => `${month}:`,
    report: {
      "not-sharing": "Nada que enviar este mes: completa el mes y activa algunas respuestas arriba.",
      waiting: "Tus totales se enviarán en cuanto Porch tenga conexión.",
      sent: "Enviado.",
      included: "Contado en los totales.",
      "left-out":
        "Tu reporte se envió pero quedó fuera de los totales de este mes. No se compartió nada más; avísale a la organización.",
      refused: "No se pudo enviar el reporte de este mes. No se compartió nada.",
    },
    sentOn: (date) => `Enviado el ${date}.`,
    steward: (program, month, status) => `Eres custodio de ${program}, ${month}: ${status}.`,
    stewardStatus: {
      volunteered: "inscrito, esperando el sorteo",
      "not-drawn": "no salió sorteado esta vez",
      drawn: "sorteado, preparándose",
      accepted: "listo",
      "counts-posted": "sumando los totales",
      done: "listo y terminado",
      faulty: "se rechazaron los totales de tu teléfono",
    },
    stewardKeepOpen: "Deja Porch abierto unos minutos cuando puedas: tu teléfono hace su parte mientras está abierto.",
    phase: {
      volunteering: "Los custodios se están inscribiendo.",
      revealing: "Se están sorteando los custodios.",
      accepting: "Los custodios se están preparando.",
      open: "Las familias están enviando sus totales.",
      counts: "Los custodios están sumando.",
      values: "Los custodios están sumando.",
    },
    aborted: "No hubo totales este mes: no participaron suficientes familias o custodios. No se mostró nada a nadie.",
    releaseTitle: (program, month) => `Familias de ${program}, ${month}`,
    releaseChange: (series, change) => `${series}: ${change} desde que se unieron.`,
    releaseHidden: (series) => `${series}: todavía no hay suficientes familias para mostrar el cambio.`,
    releaseUp: (share) => `El ${share} de las familias subió 10% o más.`,
    releaseFamilies: (families) => `Participaron ${families} familias.`,
    releaseWithheld: "No participaron suficientes familias para mostrar totales este mes.",
    notEnough: "no hay suficientes familias para mostrarlo",
    series: { income: "Ingresos", assets: "Ahorros y bienes", debts: "Deudas", netWorth: "Patrimonio neto" },
    notVerified: "Los datos de este programa no coinciden con el enlace de la organización. Porch no le envía nada.",
    codeTitle: "Unirte a un programa con un código",
    codeLabel: "El enlace o código del programa que te dio la organización",
    codeButton: "Continuar",
  },
};
