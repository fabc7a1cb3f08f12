/** Spanish (United States): el panel de la organización. Claro y exacto; honesto sobre lo que la organización no ve. */
import { formatNumber, pluralCategory } from "./format.ts";
import type { OrgDictionary } from "./org-dictionary.ts";

const n = (value: number) => formatNumber(value, "es");
const families = (count: number) => (pluralCategory(count, "es") === "one" ? "1 familia" : `${n(count)} familias`);

export const orgEs: OrgDictionary = {
  org: {
    appName: "Porch para organizaciones",
    pageTitle: "Porch — panel de la organización",
    loading: "Abriendo el panel…",
    startFailed:
      "El panel no pudo iniciar en este navegador. Vuelve a cargar la página; si sigue fallando, prueba otro navegador.",
    unexpected: "Algo salió mal. Inténtalo de nuevo.",
    switchTo: "English",
    switchToLabel: "Switch to English",
    cancel: "Cancelar",
    back: "Volver",

    connection: {
      connecting: "Conectando con el servidor…",
      online: "Conectado al servidor",
      offline: "Sin conexión — se reconecta solo",
    },
    connectionRefused: (sentence) => `El servidor rechazó esta conexión: ${sentence}`,

    signInTitle: "Tu organización en Porch",
    signInIntro:
      "Las familias guardan sus diarios en privado. Tu organización solo ve totales de muchas familias que aceptaron compartir, sumados por custodios sorteados entre las mismas familias.",
    createKeyTitle: "Organización nueva",
    createKeyExplain:
      "Tu organización recibe su propia clave. Se muestra una sola vez como 24 palabras de recuperación: quien las tenga puede manejar tus cohortes, así que cuídalas como la contraseña del banco.",
    createKey: "Crear la clave de la organización",
    useWordsTitle: "Ya está configurada",
    wordsLabel: "Las 24 palabras de recuperación",
    wordsHint: "En orden, separadas por espacios. Sirven en inglés o en español.",
    signIn: "Entrar con las palabras de recuperación",
    phraseWrongLength: (count) => `Las palabras de recuperación son 24; aquí hay ${n(count)}.`,
    phraseUnknownWord: (position) =>
      `La palabra ${n(position)} no está en la lista de palabras de recuperación. Revisa cómo está escrita.`,
    phraseBadChecksum: "Estas palabras no concuerdan entre sí. Revisa cada palabra y el orden.",
    newWordsTitle: "Las palabras de recuperación de la organización",
    newWordsExplain:
      "Anota estas 24 palabras, en orden, y guárdalas en un lugar seguro. Son la única forma de entrar en otra computadora o después de cerrar la sesión. Porch no puede recuperarlas por ti y no se vuelven a mostrar.",
    newWordsListLabel: "Palabras de recuperación, en orden",
    newWordsConfirm: "Ya las anoté",
    newWordsContinue: "Seguir al panel",
    signOut: "Cerrar sesión",
    signOutConfirm:
      "¿Olvidar la clave de la organización en este dispositivo? Necesitarás las 24 palabras de recuperación para volver a entrar.",
    signOutYes: "Olvidar la clave en este dispositivo",

    cohortsTitle: "Cohortes",
    cohortsIntro:
      "Una cohorte es el grupo de familias de un programa. Las familias se inscriben con su enlace de inscripción.",
    cohortsEmpty: "Todavía no hay cohortes. Crea la primera aquí abajo.",
    enrolledCount: (count) => (count === 1 ? "1 familia inscrita" : `${n(count)} familias inscritas`),
    createCohortTitle: "Crear una cohorte",
    cohortNameLabel: "Nombre de la cohorte",
    cohortNameHint: "Las familias ven este nombre al inscribirse, p. ej. “Programa de ahorro del Eastside 2026”.",
    createCohort: "Crear la cohorte",
    cohortNameRequired: "Ponle un nombre a la cohorte.",
    cohortNameTooLong: (max) => `Usa ${n(max)} caracteres o menos para el nombre.`,
    cohortNotFound: "No se encontró esta cohorte para tu organización.",
    backToCohorts: "Todas las cohortes",

    enrolTitle: "Inscripción",
    enrolExplain:
      "Envía este enlace (o muestra el código QR) a las familias de este programa. Cada familia se inscribe desde Porch con uno de sus grupos de amigos y elige ella misma qué compartir.",
    enrolLinkLabel: "Enlace de inscripción",
    copyLink: "Copiar el enlace",
    copied: "Enlace copiado.",
    copyFailed: "No se pudo copiar. Selecciona el enlace y cópialo a mano.",
    qrLabel: "Código QR del enlace de inscripción",
    participantsTitle: "Familias inscritas",
    participantsEmpty: "Todavía no se ha inscrito ninguna familia.",
    friendGroup: (index, count) => `Grupo de amigos ${n(index)} (${families(count)})`,
    noName: "(sin nombre)",

    roundsTitle: "Rondas",
    roundsEmpty: "Todavía no hay rondas. Una ronda reúne los totales de un mes.",
    openRoundTitle: "Abrir una ronda",
    openRoundExplain:
      "Una ronda pide a las familias inscritas los totales de un mes. Se apuntan voluntarios, se sortean custodios, las familias envían sus reportes sellados y los custodios los suman.",
    periodLabel: "Mes del reporte",
    volunteersByLabel: "Cierre de voluntarios",
    freezesAtLabel: "Cierre de reportes",
    partialsByLabel: "Cierre de las sumas de los custodios",
    deadlinesHint: "Las horas están en la zona horaria de esta computadora. Puedes cerrar cada paso antes.",
    openRound: "Abrir la ronda",
    roundOpened: (month) => `La ronda de ${month} está abierta.`,
    periodInvalid: "Elige un mes.",
    periodInFuture: "Ese mes todavía no termina. Elige este mes o uno anterior.",
    deadlineInvalid: "Completa todas las fechas y horas.",
    volunteersByPast: "El cierre de voluntarios tiene que ser en el futuro.",
    freezesAtOrder: "El cierre de reportes tiene que ser después del cierre de voluntarios.",
    partialsByOrder: "El cierre de las sumas tiene que ser después del cierre de reportes.",
    roundTitle: (month) => `Ronda de ${month}`,
    phaseNames: {
      volunteering: "Voluntarios",
      revealing: "Sorteo de custodios",
      accepting: "Custodios aceptando",
      open: "Reportes",
      counts: "Sumando (conteos)",
      values: "Sumando (cantidades)",
      published: "Publicada",
      aborted: "Detenida",
    },
    phaseVolunteering: (count) => `Los voluntarios se están apuntando (${n(count)} hasta ahora)`,
    phaseRevealing: (count) => `Sorteando custodios entre ${n(count)} voluntarios`,
    phaseAccepting: (ready, stewards) => `Custodios sorteados: ${n(ready)} de ${n(stewards)} listos`,
    phaseOpen: (reports) => `Reportes recibidos: ${n(reports)}`,
    phaseCounts: (sent, stewards) =>
      `Los custodios están sumando los totales (conteos: ${n(sent)} de ${n(stewards)} enviados)`,
    phaseValues: (sent, stewards) =>
      `Los custodios están sumando los totales (cantidades: ${n(sent)} de ${n(stewards)} enviadas)`,
    phasePublished: (contributors, groups) => `Publicada: ${families(contributors)} de ${n(groups)} grupos de amigos`,
    phaseAborted: (reason) => `Detenida: ${reason}`,
    abortReasons: {
      "too-few-stewards": "no hubo suficientes custodios voluntarios o que aceptaran",
      "too-few-contributors": "no hubo suficientes participantes",
      "too-few-groups": "los participantes venían de muy pocos grupos de amigos",
      "too-few-partials": "muy pocos custodios enviaron sus sumas",
      "partials-disagree": "las sumas de los custodios no coincidían",
    },
    abortContributors: (contributors, minimum) =>
      `no hubo suficientes participantes (${n(contributors)}; se necesitan al menos ${n(minimum)})`,
    abortGroups: (groups, minimum) =>
      `los participantes venían de muy pocos grupos de amigos (${n(groups)}; se necesitan al menos ${n(minimum)})`,
    abortOther: (reason) => `el servidor detuvo la ronda (${reason})`,
    faultyStewards: (count) =>
      count === 1
        ? "1 custodio envió una suma equivocada; se dejó fuera."
        : `${n(count)} custodios enviaron sumas equivocadas; se dejaron fuera.`,
    deadlineVolunteers: "Cierre de voluntarios",
    deadlineReports: "Cierre de reportes",
    deadlinePartials: "Cierre de las sumas",
    committee: "Custodios",
    committeeRule: (k, t) => `${n(k)} custodios; cualquier ${n(t)} de ellos pueden sumar los totales`,
    minimums: "Mínimos",
    minimumsRule: (contributors, groups) => `${families(contributors)} de ${n(groups)} grupos de amigos`,
    closeStep: "Cerrar este paso ahora",
    closeConfirm: {
      volunteering:
        "¿Cerrar ahora el registro de voluntarios? Las familias que aún no se apuntaron no podrán salir sorteadas.",
      revealing: "¿Sortear ahora a los custodios entre los voluntarios que ya confirmaron?",
      accepting: "¿Dejar de esperar a los custodios? Si no todos aceptaron, la ronda se detiene.",
      open: "¿Cerrar ahora los reportes? Los que lleguen después no contarán este mes.",
      counts: "¿Terminar ahora los conteos con las sumas que ya llegaron?",
      values: "¿Terminar ahora las cantidades con las sumas que ya llegaron, y publicar?",
    },
    closeYes: "Sí, cerrarlo ahora",
    seeRelease: "Ver la publicación",

    releaseTitle: (month) => `Publicación de ${month}`,
    releaseCohort: (cohort) => `Cohorte: ${cohort}`,
    releaseNotFound: "No se encontró esta ronda en la cohorte.",
    releaseNotYet: "Esta ronda todavía no tiene publicación.",
    signedOk: "La firma del servidor sobre esta publicación es válida: estas son las cifras que publicó.",
    signedBad:
      "La firma del servidor sobre esta publicación NO es válida. No uses estas cifras; avisa a los operadores de Porch.",
    releaseSummary: (contributors, groups) =>
      `Participaron ${contributors} familias, de ${n(groups)} grupos de amigos.`,
    withheld: {
      "too-few-contributors": "La publicación se retuvo: participaron muy pocas familias.",
      "too-few-groups": "La publicación se retuvo: las familias venían de muy pocos grupos de amigos.",
      "group-over-half": "La publicación se retuvo: un grupo de amigos era más de la mitad de las familias.",
    },
    hiddenNote: (smallCount, minForDollars) =>
      `Para proteger a las familias, los conteos de 1 a ${n(smallCount)} aparecen como “<${n(smallCount + 1)}”, una celda que permitiría deducirlos aparece como “oculto”, y las cifras en dólares necesitan al menos ${n(minForDollars)} participantes (“no hay suficientes participantes”).`,
    downloadCsv: "Descargar CSV",
    downloadJson: "Descargar JSON",
    downloadParticipation: "Descargar la lista de participación (CSV)",
    participationTitle: "Quiénes participaron",
    participationNote: (count) => `Para los pagos: las ${families(count)} cuyo reporte contó, con su grupo de amigos.`,
    seriesTitle: "Totales",
    seriesIntro: "Los totales de cada familia, sumados entre las familias que contestaron.",
    series: {
      income: "Ingreso mensual total",
      assets: "Bienes totales",
      debts: "Deudas totales",
      netWorth: "Patrimonio neto",
    },
    fieldsTitle: "Cada pregunta",
    fieldsIntro: "Abre una pregunta para ver sus cifras y cómo se reparten las respuestas.",
    figure: "Cifra",
    value: "Valor",
    contributors: "Participantes",
    total: "Total",
    mean: "Promedio",
    shareYes: "Contestaron que sí",
    median: "Mediana",
    quartiles: "Mitad central (cuartiles)",
    change: "Cambio desde la línea base",
    upTenPercent: "Familias que subieron al menos 10%",
    range: "Rango",
    orMore: (value) => `${value} o más`,
    rangeTo: (from, to) => `${from} a ${to}`,
    orLess: (value) => `${value} o menos`,
    upOf: (share, count, comparable) => `${share} (${count} de ${comparable})`,
    families: "Familias",
    notEnough: "no hay suficientes participantes",
    suppressed: "oculto",
    none: "—",
    answer: "Respuesta",
    distribution: "Familias por respuesta",
    changeDistribution: "Familias por cambio desde su propia línea base",
    chartLabel: (name, first, last) =>
      `Gráfica de barras: familias por rango de ${name}, de ${first} a ${last}. La tabla de al lado tiene los mismos números.`,
    chartHiddenLegend: "Barra rayada: un conteo oculto (de 1 a 10, o retenido).",
    changeBuckets: {
      "down 50% or more": "Bajó 50% o más",
      "down 10–50%": "Bajó entre 10% y 50%",
      "within 10%": "Dentro del 10%",
      "up 10–50%": "Subió entre 10% y 50%",
      "up 50% or more": "Subió 50% o más",
      "n/a": "Sin línea base para comparar",
    },
    yes: "Sí",
    no: "No",

    errors: {
      offline: "No se puede llegar al servidor ahora. El panel se reconecta solo; inténtalo de nuevo en un momento.",
      timeout: "El servidor tardó demasiado en contestar. Inténtalo de nuevo.",
      "not-authenticated": "El panel todavía no está conectado. Inténtalo de nuevo en un momento.",
      "auth-failed": "El servidor no aceptó la clave de esta organización.",
      "rate-limited": "Demasiadas solicitudes a la vez. Espera un momento e inténtalo de nuevo.",
      internal: "El servidor tuvo un problema. Inténtalo de nuevo; si sigue pasando, avisa a los operadores de Porch.",
      "not-organization": "Solo la organización que maneja esta cohorte puede hacer eso.",
      "cohort-not-found": "No se encontró esta cohorte en el servidor.",
      "cohort-exists": "Esta cohorte ya existe.",
      "bad-cohort":
        "El servidor rechazó la configuración de la cohorte (sus reglas deben mantener ocultos los números de cada familia).",
      "round-not-found": "No se encontró esta ronda en el servidor.",
      "round-exists": "Esta cohorte ya tiene una ronda para ese mes.",
      "bad-call": "La configuración de la ronda no cuadra. Revisa el mes y los cierres.",
      "wrong-phase": "Ese paso ya avanzó. La página muestra cómo va la ronda ahora.",
      "storage-failed":
        "Este navegador no quiso guardar la clave de la organización (¿ventana privada o almacenamiento lleno?).",
    },
    errorOther: (code) => `El servidor rechazó esto (${code}). Inténtalo de nuevo.`,
  },
};
