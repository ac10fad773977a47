// The QR codes of the satisfaction survey, in the begeleider's 1:1 chat: per variant who it is
// for and how to use it, the code itself (a PNG data URI: no request elsewhere, nothing to host),
// the short link as literal text, and buttons to the print pages (A4, and a small card). Sent
// after the afronding and once more as a reminder. The tokens in it exist nowhere else.
import type { SurveyVariant } from "../../dispatch/close.ts";
import { formatDate } from "../../referrals/status.ts";
import { card } from "../adaptiveCard.ts";
import { execute } from "../dispatch/actions.ts";
import type { AdaptiveCard, CardElement } from "../adaptiveCard.ts";
import { box, heading, literal, para, small } from "../text.ts";
import { forWhom, howToUse } from "./labels.ts";

export interface SurveyCode {
  variant: SurveyVariant;
  maxUses: number;
  /** How many answered already (a shared code of a group). */
  uses: number;
  link: string;
  qrDataUri: string;
  printA4: string;
  printCard: string;
}

export interface SurveyCodesView {
  referralId: string;
  reference: string;
  /** The referral's own title: this card goes to the begeleider only. */
  title: string;
  expiresAt: Date;
  codes: readonly SurveyCode[];
  reminder: boolean;
  /** Asked for again: a new code (the earlier ones stopped working), or the valid one once more. */
  renewed?: "new" | "again";
}

/** The buttons under the codes: handled by dialogs/dispatch/surveyCodes.ts. */
export function surveyCodeActions(referralId: string): CardElement {
  return {
    type: "ActionSet",
    actions: [
      execute("Toon de code opnieuw", "surveyShowAgain", {
        referralId,
        rev: 0,
      }),
      execute("Nieuwe code", "surveyNewCode", { referralId, rev: 0 }),
    ],
  };
}

/** Pixels shown in Teams; the PNG itself is a little larger, so it stays sharp on a good screen. */
export const QR_DISPLAY_WIDTH = "180px";
export const QR_PNG_SIZE = 240;

const SHORT_FOR: Readonly<Record<SurveyVariant, string>> = {
  YOUNG_PERSON: "de jongere",
  GROUP: "de leerlingen",
  SCHOOL: "de school",
};

function codeBlock(c: SurveyCode): CardElement {
  return box(
    [
      para(forWhom(c.variant, c.maxUses), { weight: "bolder", size: "medium" }),
      small(howToUse(c.variant, c.maxUses), { spacing: "none" }),
      ...(c.variant === "GROUP" && c.uses > 0
        ? [
            small(`Al ${c.uses} van ${c.maxUses} ingevuld.`, {
              spacing: "none",
            }),
          ]
        : []),
      {
        type: "Image",
        url: c.qrDataUri,
        altText: `QR-code van de bevraging voor ${SHORT_FOR[c.variant]}`,
        width: QR_DISPLAY_WIDTH,
        horizontalAlignment: "center",
        spacing: "medium",
      },
      // The link as text, exactly (a TextRun: no markdown), to copy into an e-mail or read aloud.
      // Not through `breakable`: an invisible break inside a long address would break the copy.
      {
        type: "RichTextBlock",
        inlines: [{ type: "TextRun", text: c.link }],
        spacing: "small",
      },
      {
        type: "ActionSet",
        actions: [
          { type: "Action.OpenUrl", title: "Afdrukken (A4)", url: c.printA4 },
          {
            type: "Action.OpenUrl",
            title: "Afdrukken (kaartje)",
            url: c.printCard,
          },
        ],
      },
    ],
    "emphasis",
    { spacing: "medium" },
  );
}

export function surveyCodesCard(v: SurveyCodesView): AdaptiveCard {
  const names = v.codes.map((c) => SHORT_FOR[c.variant]).join(" en ");
  return card([
    small(`${v.reference} · tevredenheidsbevraging · alleen voor jou`),
    heading(
      v.reminder
        ? `Nog niet ingevuld: de bevraging voor ${names}`
        : v.renewed === "new"
          ? `Nieuwe code voor ${names}`
          : "De tevredenheidsbevraging",
      { spacing: "none" },
    ),
    literal(v.title, { weight: "bolder", spacing: "none" }),
    para(
      v.renewed === "new"
        ? "Je vroeg een nieuwe code. De vorige code werkt niet meer, ook niet op papier."
        : v.renewed === "again"
          ? "Hier is de code opnieuw. Een eerder getoonde of afgedrukte code blijft ook werken."
          : v.reminder
            ? "Een week na de afronding werd deze bevraging nog niet ingevuld. Hier zijn de codes opnieuw (ook een eerder afgedrukte code blijft werken). Dit is de enige herinnering."
            : "Toon de QR-code op je scherm of druk ze af. Invullen kan op een smartphone, zonder app of login, en is anoniem: je ziet later alleen óf er ingevuld werd, nooit de antwoorden.",
    ),
    // How the begeleider finds out later whether it was answered (yes/no only).
    small(
      `De codes werken tot ${formatDate(v.expiresAt)}. Of er ingevuld werd, zie je op de kaart in het dispatchkanaal of met **afronden ${v.reference}**.`,
      { spacing: "none" },
    ),
    ...v.codes.map(codeBlock),
    small(
      "Kwijt of te oud? **Nieuwe code** maakt een nieuwe; de vorige werkt dan niet meer.",
    ),
    surveyCodeActions(v.referralId),
  ]);
}
