import { recordApp } from './fields.js';
import type { AppDraft } from './kind.js';
import { fieldsOf } from './params.js';
import { stem, titleCase, type Sentence } from './sentence.js';

/**
 * For a sentence no kind claims: an app built from its nouns. The subject becomes the
 * title and the saved list, the named details become the form's fields. "an app to keep my
 * recipes with ingredients and cooking time" is a Recipes app with two fields and a list.
 */
const STOP = new Set(
  ('a an the app apps application tool program make build create generate give me my our your i we want need please that which this ' +
    'to for with and or of in on at by from some simple little small basic nice cool new using can could would should let lets it is are be ' +
    'keep keeping track tracking manage managing store storing save saving organize organise organizer organiser record recording log logging ' +
    'list lists collect collection catalog catalogue manager tracker keeper where so all every each one thing things stuff about like').split(' '),
);

export interface Composed {
  title: string;
  fields: string[];
  draft: AppDraft;
}

export function composeFromNouns(s: Sentence): Composed {
  const fields = fieldsOf(s).slice(0, 8);
  const fieldWords = new Set(fields.flatMap((f) => f.split(' ').map(stem)));
  const nouns = s.words.filter((w) => !STOP.has(w) && !/^\d/.test(w) && !fieldWords.has(stem(w)));
  const subject = nouns.slice(0, 2).join(' ') || 'item';
  const title = titleCase(subject);
  const listId = 'items';
  const chosen = fields.length ? fields : defaultFields(s);
  const app = recordApp({ fields: chosen, listId, addLabel: `Add ${stem(subject.split(' ').at(-1)!)}` });
  return {
    title,
    fields: chosen,
    draft: {
      description: `${title}: a form with ${chosen.join(', ')}, and the list of what you add, kept between runs.`,
      components: app.components,
      lifecycle: app.lifecycle,
    },
  };
}

/** A name and notes always make sense; a date when the sentence speaks of time. */
function defaultFields(s: Sentence): string[] {
  return ['name', ...(/\b(when|date|daily|log|history|visits?|trips?|events?|appointments?|meetings?|workouts?)\b/.test(s.text) ? ['date'] : []), 'notes'];
}
