import { describe, expect, it } from "vitest";
import { unsubscribePhrase } from "./unsubscribe";

describe("unsubscribePhrase recognises explicit requests to stop, conservatively", () => {
  const asks = [
    "Unsubscribe",
    "STOP",
    "Please remove me from your list.",
    "Take me off your mailing list",
    "Stop emailing me.",
    "Please do not contact me again.",
    "I would like to unsubscribe, thanks",
    "Bitte melden Sie mich von diesem Verteiler ab.",
    "Bitte entfernen Sie mich aus Ihrem Verteiler",
    "Ich möchte keine E-Mails mehr erhalten, keine Nachrichten mehr bitte",
    "Kontaktieren Sie mich bitte nicht mehr.",
    "Merci de me désabonner : désabonnez-moi.",
    "Merci de ne plus me contacter.",
    "Retirez-moi de votre liste s'il vous plaît",
    "Por favor, denme de baja.",
    "Quiero darme de baja",
    "Elimínenme de su lista, gracias",
    "No me vuelvan a escribir.",
  ];
  for (const text of asks) it(`asks: ${text}`, () => expect(unsubscribePhrase(text)).not.toBeNull());

  const replies = [
    "Thanks, let's talk on Thursday.",
    "I don't want to unsubscribe, just send less often.",
    "How did you get my address? Anyway, interested.",
    "We removed the old plan from our list of options.",
    "Gerne, melden Sie sich nächste Woche.",
    "Je ne veux pas me désabonner, envoyez-moi la doc.",
    "Sí, hablemos el lunes.",
    "",
  ];
  for (const text of replies)
    it(`does not ask: ${JSON.stringify(text)}`, () => expect(unsubscribePhrase(text)).toBeNull());
});
