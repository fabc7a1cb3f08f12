/** Español: la forma de la pantalla del grupo (miembros, formularios plegados, lo hecho, lo nuevo). */
import { formatNumber } from "./format.ts";
import type { GroupScreenDictionary, NewsKindText } from "./group-screen-dictionary.ts";

const n = (value: number) => formatNumber(value, "es");
const NOUNS: Readonly<Record<NewsKindText, readonly [string, string]>> = {
  cheer: ["aplauso", "aplausos"],
  comment: ["comentario", "comentarios"],
  claim: ["oferta aceptada", "ofertas aceptadas"],
  confirm: ["confirmación", "confirmaciones"],
  thanks: ["agradecimiento", "agradecimientos"],
  checkin: ["puesta al día", "puestas al día"],
  reply: ["respuesta", "respuestas"],
  offer: ["oferta o pedido nuevo", "ofertas o pedidos nuevos"],
  join: ["miembro nuevo", "miembros nuevos"],
};

export const groupScreenEs: GroupScreenDictionary = {
  groupScreen: {
    whoSees: (names) => `Solo los miembros ven este grupo: ${names}.`,
    onlyYou: "Por ahora solo estás tú en este grupo.",
    membersLink: "Miembros e invitaciones",
    inviteFirst: "Invitar a alguien",
    membersScreenTitle: (group) => `Miembros de ${group}`,
    backToGroup: (group) => `Volver a ${group}`,
    inviteOpen: "Invitar a alguien",
    inviteMakeLink: "Crear el enlace de invitación",

    newGoalOpen: "Agregar una meta",
    newOfferOpen: "Ofrecer o pedir ayuda",
    newCircleOpen: "Empezar un círculo de préstamo",
    checkinOpen: "Escribir tu puesta al día",
    checkinEditOpen: "Cambiar tu puesta al día",
    saved: "Guardado.",

    recentlyDoneTitle: "Hecho hace poco",
    recentlyDoneHint: "La ayuda que se dio en las últimas dos semanas.",
    nothingOpen: "Ahora no hay nada abierto. Ofrece una mano o pide una.",
    sayThanksTo: (name) => `Dale las gracias a ${name}`,
    otherConfirmed: (name) => `${name} dice que ya se hizo. Confírmalo tú también cuando sea así.`,

    turnIntoAsk: "Convertir en pedido",
    turnedIntoAsk: "Ya lo pediste en Ofrezco y pido.",
    fromCheckIn: (name) => `De la puesta al día de ${name}`,
    askFromCheckInNote: "Viene de tu puesta al día. Cambia lo que quieras antes de publicarlo.",

    newsTitle: "Novedades desde tu última visita",
    newsCounts: (counts) =>
      counts.map(([kind, count]) => `${n(count)} ${NOUNS[kind][count === 1 ? 0 : 1]}`).join(" · "),
    newsGroupLabel: (group, summary) => `${group}. Novedades desde tu última visita: ${summary}`,
    newsLine: {
      cheer: (who, what) => `${who} aplaudió tu meta «${what}»`,
      comment: (who, what) => `${who} comentó en «${what}»`,
      claim: (who, what) => `${who} aceptó «${what}»`,
      confirm: (who, what) => `${who} confirmó que «${what}» se hizo`,
      thanks: (who, what) => `${who} te dio las gracias por «${what}»`,
      checkin: (who) => `${who} compartió su puesta al día`,
      reply: (who) => `${who} respondió a tu puesta al día`,
      offer: (who, what) => `${who} publicó «${what}»`,
      join: (who) => `${who} se unió al grupo`,
    },
  },
};
