import type { PublicCopy } from "./en";

// The public pages in Spanish.

export const es: PublicCopy = {
  name: "Español",
  nav: { skip: "Saltar al contenido", report: "Denunciar contenido", signIn: "Iniciar sesión" },
  languages: "Idioma",
  form: {
    title: "Denunciar contenido · Vigil",
    heading: "Denunciar contenido",
    intro: "Avisa a los moderadores de una publicación o una cuenta que incumple las normas de la comunidad. No necesitas una cuenta.",
    notSent: "Tu denuncia no se ha enviado.",
    checkFields: "Revisa estos campos:",
    subject: "Enlace a la publicación o la cuenta, o su ID",
    subjectHint: "Pega la dirección de tu navegador, por ejemplo https://community.example/p/123.",
    subjectType: "¿Qué denuncias?",
    content: "Una publicación o un mensaje",
    account: "Una cuenta",
    rule: "¿Qué norma incumple?",
    chooseRule: "Elige una norma",
    text: "El texto, tal como lo ves (opcional)",
    textHint: (max) =>
      `Copia las palabras exactamente: los moderadores verán esta copia aunque la publicación se modifique o se elimine. Hasta ${max} caracteres.`,
    language: "Idioma del texto (opcional)",
    notSure: "No lo sé",
    note: "¿Hay algo más que deban saber los moderadores? (opcional)",
    contact: "Tu correo electrónico o nombre de usuario, si quieres recibir respuesta (opcional)",
    contactHint: "Solo lo ven los moderadores sénior. Nunca se muestra a la persona que denuncias.",
    send: "Enviar denuncia",
    sending: "Enviando…",
  },
  errors: {
    subjectRequired: "Introduce el enlace a la publicación o la cuenta, o su ID.",
    subjectTooLong: (max) => `El enlace es demasiado largo: como máximo ${max} caracteres.`,
    subjectType: "Elige si denuncias una publicación o una cuenta.",
    ruleRequired: "Elige la norma que incumple.",
    textTooLong: (max) => `El texto supera los ${max} caracteres. Pega la parte que incumple la norma.`,
    language: "Elige un idioma de la lista.",
    noteTooLong: (max) => `La nota puede tener como máximo ${max} caracteres.`,
    contactTooLong: (max) => `El contacto puede tener como máximo ${max} caracteres.`,
    noNul: "Elimina el carácter NUL (U+0000) de este campo.",
    ruleGone: "Esta norma ya no existe. Elige una de la lista.",
    rateLimited: (minutes) =>
      `En los últimos minutos han llegado muchas denuncias desde tu red. Tu denuncia no se ha enviado; vuelve a intentarlo dentro de ${minutes} ${minutes === 1 ? "minuto" : "minutos"}. Lo que escribiste se conserva abajo.`,
    tooLarge: "Esta denuncia es demasiado grande para enviarla. Acorta el texto y vuelve a intentarlo.",
    unreadable: "No se pudo leer el formulario. Recarga la página y vuelve a intentarlo.",
  },
  receipt: {
    title: "Denuncia recibida · Vigil",
    heading: "Gracias: hemos recibido tu denuncia",
    referenceBefore: "Tu referencia es ",
    referenceAfter: ". Indícala si contactas con los moderadores sobre esta denuncia.",
    received: "Recibida",
    next: "Los moderadores revisan las denuncias por orden de urgencia. Si dejaste un contacto, te informaremos del resultado.",
    another: "Denunciar otra cosa",
    notFound: "No hay ninguna denuncia con esta referencia.",
  },
};
