/** A text in both of the portal's languages. */
export interface I18nText {
  zh: string;
  en: string;
}
