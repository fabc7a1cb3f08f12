/** Spanish (United States): el diario mensual privado. Breve, cálido, sin juzgar; toda pregunta se puede saltar. */
import { formatNumber, pluralCategory } from "./format.ts";
import type { JournalDictionary, JournalErrors } from "./journal-dictionary.ts";

const n = (value: number) => formatNumber(value, "es");

export const journalErrorsEs: JournalErrors = {
  "amount-not-a-number": "Por favor, escribe una cantidad en dólares, como 1,250.50.",
  "amount-negative": "Las cantidades no pueden ser negativas. Si debes dinero, anótalo en deudas.",
  "amount-too-large": "Por favor, escribe una cantidad de $10,000,000 o menos.",
  "count-out-of-range": "Por favor, escribe un número entero dentro del rango indicado.",
  "choice-unknown": "Por favor, elige una de las respuestas.",
  "text-too-long": "Por favor, usa 2,000 caracteres o menos.",
  "month-in-future": "Ese mes todavía no llega. Elige este mes o uno anterior.",
  "month-invalid": "Por favor, elige un mes de la lista.",
};

export const journalEs: JournalDictionary = {
  journal: {
    title: "Mi diario",
    intro: "Unos minutos al mes para ver cómo le va a tu familia.",
    privateNote: "Solo tú puedes ver tu diario.",
    skipAnything: "Puedes saltarte lo que prefieras no contestar.",
    monthLabel: "Mes",
    save: "Guardar",
    saved: (month) => `${month} quedó guardado.`,
    reminder: (month) => `Todavía no llenas ${month}. Cuando tengas unos minutos.`,
    sections: {
      income: "Lo que entra",
      assets: "Lo que tienes",
      debts: "Lo que debes",
      health: "Salud",
      education: "Estudios y capacitación",
      housing: "Vivienda",
      leadership: "Tus cargos",
      connections: "Tu gente",
      reflection: "Tu mes",
    },
    fields: {
      "income.wages": {
        label: "Pago del trabajo",
        help: "Lo que te llegó de tus trabajos este mes, ya sin impuestos.",
      },
      "income.selfEmployment": {
        label: "Negocio propio o trabajos por tu cuenta",
        help: "Lo que ganaste por tu cuenta este mes, ya restados los gastos.",
      },
      "income.benefits": {
        label: "Beneficios",
        help: "SNAP (estampillas), WIC, SSI, desempleo u otra ayuda del gobierno este mes.",
      },
      "income.family": {
        label: "Ayuda de familia y amigos",
        help: "Dinero que te regalaron este mes (no préstamos).",
      },
      "income.other": {
        label: "Otros ingresos",
        help: "Cualquier otra entrada: manutención de los niños, reembolso de impuestos, renta de un cuarto.",
      },
      "household.size": {
        label: "Personas en tu hogar",
        help: "Todos los que viven y comen contigo, contándote a ti.",
      },
      "assets.cash": {
        label: "Efectivo y ahorros",
        help: "Lo que tienes en el banco, en ahorros y en casa, más o menos hoy.",
      },
      "assets.retirement": { label: "Ahorros para el retiro", help: "Un 401(k), una IRA o una pensión, si tienes." },
      "assets.vehicle": { label: "Carro o camioneta", help: "Más o menos en cuánto lo podrías vender hoy." },
      "assets.homeEquity": {
        label: "Lo que ya es tuyo de tu casa",
        help: "Si tu casa es propia: lo que vale menos lo que todavía debes de ella.",
      },
      "assets.business": { label: "Tu negocio", help: "Sus herramientas, mercancía y equipo, menos lo que debe." },
      "debts.creditCards": { label: "Tarjetas de crédito", help: "Lo que debes en todas tus tarjetas juntas." },
      "debts.loans": {
        label: "Préstamos",
        help: "Lo que te falta pagar de préstamos de carro, estudios, personales o de día de pago (sin la hipoteca).",
      },
      "debts.medical": { label: "Deudas médicas", help: "Cuentas de doctor, hospital o dentista que todavía debes." },
      "debts.other": {
        label: "Otras deudas",
        help: "Renta atrasada, luz, gas, un préstamo de la familia: cualquier otra cosa que debas.",
      },
      "health.insured": { label: "Seguro médico", help: "¿Tienes seguro médico ahora? Medicaid cuenta." },
      "health.selfRated": {
        label: "¿Cómo está tu salud?",
        help: "Cómo te sientes este mes, del 1 (mal) al 5 (excelente).",
      },
      "education.enrolled": {
        label: "Estudiando o en capacitación",
        help: "¿Estás tomando clases o un programa de capacitación este mes?",
      },
      "education.credential": {
        label: "Terminaste un diploma o certificado",
        help: "¿Sacaste un diploma, certificado o licencia este mes?",
      },
      "education.childrenSchool": {
        label: "Los niños en la escuela",
        help: "En general, ¿cómo les va a tus hijos en la escuela?",
      },
      "housing.status": { label: "Dónde vives", help: "Elige lo que describe tu vivienda este mes." },
      "housing.cost": { label: "Renta o hipoteca", help: "Lo que te toca pagar de la renta o la hipoteca este mes." },
      "leadership.school": {
        label: "Un cargo en la escuela",
        help: "PTA, consejo escolar, voluntaria o voluntario del salón.",
      },
      "leadership.faith": {
        label: "Un cargo en tu iglesia o comunidad de fe",
        help: "Dirigir, enseñar o servir en un comité.",
      },
      "leadership.neighbourhood": {
        label: "Un cargo en tu vecindario",
        help: "Un comité de vecinos, de inquilinos o una junta comunitaria.",
      },
      "leadership.volunteer": {
        label: "Voluntariado",
        help: "Cualquier grupo o causa a la que le diste tu tiempo este mes.",
      },
      "connections.countOn": {
        label: "Personas con quienes cuentas",
        help: "Si mañana necesitaras ayuda, ¿a cuántas personas podrías llamar?",
      },
      "help.given": {
        label: "Veces que ayudaste a alguien",
        help: "Llevar a alguien, comida, cuidar niños: cualquier ayuda que diste este mes.",
      },
      "help.received": { label: "Veces que te ayudaron", help: "Cualquier ayuda que recibiste de otros este mes." },
      reflection: { label: "¿Algo que quieras anotar?", help: "Unas palabras sobre tu mes, solo para ti." },
    },
    choices: {
      "education.childrenSchool": {
        na: "No tengo hijos en la escuela",
        struggling: "Les está costando",
        onTrack: "Van bien",
        thriving: "Les va muy bien",
      },
      "housing.status": {
        own: "Casa propia",
        rent: "Rentamos",
        family: "Vivimos con familia o amigos",
        unstable: "No tenemos un lugar fijo",
      },
      "connections.countOn": { none: "Con nadie", few: "Con una o dos", some: "Con unas cuantas", many: "Con muchas" },
    },
    yes: "Sí",
    no: "No",
    ratings: { "1": "Mal", "2": "Regular", "3": "Bien", "4": "Muy bien", "5": "Excelente" },
    moneyHint: "En dólares, como 1,250.50. Déjalo vacío para saltarlo.",
    countHint: (min, max) => `Un número entero del ${n(min)} al ${n(max)}.`,
    charactersLeft: (left) =>
      pluralCategory(left, "es") === "one" ? "Queda 1 carácter" : `Quedan ${n(left)} caracteres`,

    progressTitle: "Cómo van cambiando las cosas",
    series: { income: "Lo que entra", assets: "Lo que tienes", debts: "Lo que debes", netWorth: "Patrimonio neto" },
    sinceBaseline: (month) => `Desde ${month}`,
    change: (amount, percent) => `${amount} (${percent})`,
    notAvailable: "n/d",
    notAnswered: "Sin contestar",
    missingExplain: "Los totales cuentan solo lo que contestaste. Lo que te saltaste no se cuenta como cero.",
    baselineLabel: "Comparar con",
    baselineHelp: "El mes desde el que se miden tus cambios. Es tu primer mes, a menos que elijas otro.",
    baselineFirst: "Mi primer mes",

    historyTitle: "Cambios a este mes",
    editedOn: (when) => `Editado el ${when}`,
    firstWritten: (when) => `Escrito por primera vez el ${when}`,
    changedFrom: (field, from, to) => `${field}: ${from} → ${to}`,
    emptyAnswer: "(vacío)",

    consentTitle: "Lo que compartes",
    nothingShared: "No se comparte nada a menos que tú lo actives.",
    cannotRecall: "Los totales que ya se publicaron no se pueden retirar.",
    revokeNextPeriod: "Si desactivas algo, deja de enviarse a partir del siguiente informe.",
    audiences: {
      "org-totals": {
        name: "Los totales del programa",
        explain:
          "Tus respuestas se suman, sin tu nombre, a los totales de todas las familias del programa. Solo las que tú actives.",
      },
      "group-progress": {
        name: "Tu grupo",
        explain:
          "Tus amistades de este grupo ven las cantidades en dólares del avance de tus metas, no solo qué tanto llevas.",
      },
    },
    shareField: (field) => `Compartir «${field}»`,
    neverShared: "Tu reflexión nunca se comparte con nadie.",
    previewTitle: "Lo que se enviaría",
    previewEmpty: "Nada: no has activado nada para compartir.",
    previewRange: (range) => `Se cuenta en el rango ${range}`,
    participation: (months) =>
      pluralCategory(months, "es") === "one"
        ? "Has sumado a los totales del programa durante 1 mes."
        : `Has sumado a los totales del programa durante ${n(months)} meses.`,
    participationTitle: "Meses en que participaste",
    previewFrom: (month) => `De tus respuestas de ${month}:`,
    ledgerTitle: "Lo que decidiste compartir",
    ledgerEmpty: "Todavía no has cambiado nada de lo que compartes.",
    ledgerOn: (when, what, audience) => `${when}: activaste “${what}” para ${audience}`,
    ledgerOff: (when, what, audience) => `${when}: desactivaste “${what}” para ${audience}`,
    aGroup: "un grupo",
    noGroups: "Todavía no estás en un grupo.",

    open: "Abrir mi diario",
    navLabel: "Mi diario",
    monthsTitle: "Meses que has escrito",
    progressEmpty: "Escribe tu primer mes y aquí verás cómo vas.",
    amountColumn: "Cantidad",
    showAllMonths: (months) => `Mostrar los ${n(months)} meses`,
    showRecentMonths: (months) => `Mostrar solo los últimos ${n(months)} meses`,
    changeColumn: "Cambio",
    print: "Imprimir un resumen",
    myDataTitle: "Tus datos",
    exportExplain: "Descarga todo lo de tu diario: tus respuestas, lo que decidiste compartir y lo que se envió.",
    exportJson: "Descargar (JSON)",
    exportCsv: "Descargar (hoja de cálculo)",
    exported: "Tu descarga está lista.",
    deleteTitle: "Borrar tu diario",
    deleteExplain:
      "Borra tu diario de este teléfono y del servidor de Porch. Tus otros dispositivos guardan su copia hasta que lo borres allí también.",
    deleteButton: "Borrar mi diario…",
    deleteConfirmText: "No se puede deshacer. Si quieres guardarlo, descarga una copia primero.",
    deleteConfirm: "Sí, borrarlo",
    deletedDone: "Tu diario se borró aquí y en el servidor.",
  },
};
