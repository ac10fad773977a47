// The survey's catalogues by language, and each language's own name for the language switch
// (a language is always named in itself, so a reader finds their own).
import type { Language } from '../routes.ts';
import { ar } from './ar.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';
import type { Messages } from './messages.ts';
import { nl } from './nl.ts';
import { tr } from './tr.ts';

export const CATALOGUES: Readonly<Record<Language, Messages>> = { nl, en, fr, tr, ar };

export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { nl: 'Nederlands', en: 'English', fr: 'Français', tr: 'Türkçe', ar: 'العربية' };

export type { Messages, PageKind } from './messages.ts';
