import type { Component, ToolBinding } from '../../../blueprint/types.js';
import { formField, recordApp } from '../fields.js';
import { defineKind } from '../kind.js';
import { fieldsOf, listAfter, listBefore } from '../params.js';
import { hasPhrase, slug, titleCase, type Sentence } from '../sentence.js';
import { clickedItem, ref, tool } from '../tools.js';
import { button, caption, card, col, field, heading, input, list, row, select, tabs, text, textarea } from '../ui.js';

/** Apps whose data is their state: brought back at launch, kept after each change. */
const kept = { lifecycle: { on_mount: [tool.restore()] } };
const namesOr = (found: string[], dflt: string[]) => (found.length ? found : dflt);

export const todo = defineKind({
  id: 'todo',
  name: 'To-do List',
  icon: '✅',
  category: 'productivity',
  keywords: { todo: 4, 'to do': 4, 'to-do': 4, task: 2, chore: 3, checklist: 3, reminder: 1, errand: 2 },
  params: (s: Sentence) => ({ priority: /\bpriorit(y|ies)\b/.test(s.text), due: /\b(due|deadline|dates?)\b/.test(s.text), categories: listAfter(s, ['categories', 'lists', 'projects', 'tags']) }),
  describe: (p) => [p.priority && 'priorities', p.due && 'due dates', p.categories.length && `categories ${p.categories.join(', ')}`].filter(Boolean).join(', ') || undefined,
  build: (p) => {
    const parts = [ref('new-task'), ...(p.priority ? [`[${ref('priority')}]`] : []), ...(p.categories.length ? [`#${ref('category')}`] : []), ...(p.due ? [`due ${ref('due')}`] : [])];
    const add: ToolBinding[] = [tool.listAdd('tasks', parts.join(' ')), tool.clear('new-task'), tool.persist()];
    return {
      description: `A to-do list${p.priority ? ' with priorities' : ''}${p.due ? ' and due dates' : ''}; select a task to mark it done. Kept between runs.`,
      components: [
        row('add-row', [
          input('new-task', { placeholder: 'What needs doing?' }, { submit: add }),
          ...(p.priority ? [select('priority', ['low', 'medium', 'high'], 'medium')] : []),
          ...(p.categories.length ? [select('category', p.categories)] : []),
          ...(p.due ? [input('due', { placeholder: 'due YYYY-MM-DD' })] : []),
          button('add', 'Add', add, { variant: 'primary' }),
        ]),
        list('tasks', {}, [tool.listToggle('tasks'), tool.persist()]),
        row('actions', [button('clear', 'Clear all', [tool.listClear('tasks'), tool.persist()], { variant: 'ghost' })]),
      ],
      ...kept,
      keys: { Enter: add },
    };
  },
});

export const shoppingList = defineKind({
  id: 'shopping-list',
  name: 'Shopping List',
  icon: '🛒',
  category: 'productivity',
  keywords: { shopping: 4, grocery: 4, 'shopping list': 2, buy: 1, supermarket: 3, pantry: 2 },
  params: (s: Sentence) => ({ aisles: listAfter(s, ['aisles', 'sections', 'categories', 'stores']) }),
  describe: (p) => (p.aisles.length ? `sections ${p.aisles.join(', ')}` : undefined),
  build: (p) => {
    const add: ToolBinding[] = [tool.listAdd('items', `${ref('qty')} × ${ref('item')}${p.aisles.length ? ` (${ref('aisle')})` : ''}`), tool.clear('item'), tool.set('qty', '1'), tool.persist()];
    return {
      description: 'A shopping list with quantities; tick items off as you buy them.',
      components: [
        row('add-row', [input('item', { placeholder: 'Item' }, { submit: add }), input('qty', { type: 'number', value: '1', placeholder: 'qty' }), ...(p.aisles.length ? [select('aisle', p.aisles)] : []), button('add', 'Add', add, { variant: 'primary' })]),
        list('items', {}, [tool.listToggle('items'), tool.persist()]),
        button('clear', 'Clear list', [tool.listClear('items'), tool.persist()], { variant: 'ghost' }),
      ],
      ...kept,
    };
  },
});

/** A sidebar of saved documents and an editor; selecting one loads it back into the editor. */
function documentsApp(o: { listId: string; titleId: string; bodyId: string; heading: string; editor: Component }) {
  const save: ToolBinding[] = [tool.listAdd(o.listId, { title: ref(o.titleId), body: ref(o.bodyId), text: ref(o.titleId) }), tool.persist()];
  const open: ToolBinding[] = [tool.expr(o.titleId, `${clickedItem(o.listId)}.title`), tool.expr(o.bodyId, `${clickedItem(o.listId)}.body`)];
  return {
    layout: 'horizontal' as const,
    components: [
      col('sidebar', [heading(`${o.listId}-heading`, o.heading, 'h3'), list(o.listId, {}, open)], { role: 'sidebar', style: { width: '30%' } }),
      col('editor-pane', [
        input(o.titleId, { placeholder: 'Title' }),
        o.editor,
        row('editor-actions', [button('save', 'Save', save, { variant: 'primary' }), button('new', 'New', [tool.clear(o.titleId), tool.clear(o.bodyId)]), button('delete-all', 'Delete all', [tool.listClear(o.listId), tool.persist()], { variant: 'danger' })]),
      ], { role: 'editor' }),
    ],
    ...kept,
    keys: { 'C-s': save },
  };
}

export const notes = defineKind({
  id: 'notes',
  name: 'Notes',
  icon: '📝',
  category: 'productivity',
  keywords: { note: 2, notepad: 3, 'note taking': 3, memo: 3, jot: 2, scratchpad: 3 },
  params: () => ({}),
  build: () => ({
    description: 'Notes with a title and body, listed in a sidebar and kept between runs; select one to open it.',
    ...documentsApp({ listId: 'notes', titleId: 'title', bodyId: 'body', heading: 'Notes', editor: textarea('body', { placeholder: 'Write here…', rows: 14 }) }),
  }),
});

export const markdownNotes = defineKind({
  id: 'markdown-notes',
  name: 'Markdown Notes',
  icon: '📓',
  category: 'productivity',
  keywords: { markdown: 4, 'md editor': 4, 'rich text': 2, preview: 2, note: 1, document: 1, wiki: 2 },
  params: () => ({}),
  build: () => ({
    description: 'Write Markdown with a live preview tab; documents are listed and kept between runs.',
    ...documentsApp({
      listId: 'docs',
      titleId: 'doc-title',
      bodyId: 'editor',
      heading: 'Documents',
      editor: tabs('views', [
        { id: 'write-tab', label: 'Write', children: [textarea('editor', { placeholder: '# Heading\n\nSome *markdown*…', rows: 16 })] },
        { id: 'preview-tab', label: 'Preview', children: [text('preview', ref('editor'))] },
      ]),
    }),
  }),
});

export const journal = defineKind({
  id: 'journal',
  name: 'Journal',
  icon: '📔',
  category: 'productivity',
  keywords: { journal: 4, diary: 4, 'daily log': 3, gratitude: 3, reflection: 2, 'mood tracker': 3, mood: 1 },
  params: (s: Sentence) => ({ mood: /\b(mood|feeling|emotion)/.test(s.text) || hasPhrase(s, 'journal'), prompt: /\bgratitude|grateful\b/.test(s.text) ? 'Three things I am grateful for…' : 'How was your day?' }),
  build: (p) => {
    const save: ToolBinding[] = [tool.listAdd('entries', { date: ref('date'), ...(p.mood ? { mood: ref('mood') } : {}), body: ref('entry'), text: `${ref('date')}${p.mood ? ` ${ref('mood')}` : ''} — ${ref('entry')}` }), tool.clear('entry'), tool.persist()];
    return {
      description: `A private journal: date${p.mood ? ', mood' : ''} and an entry, kept between runs.`,
      components: [
        row('meta', [field('date', 'Date', input('date', { placeholder: 'YYYY-MM-DD' })), ...(p.mood ? [field('mood', 'Mood', formField('mood').control)] : [])]),
        textarea('entry', { placeholder: p.prompt, rows: 8 }),
        button('save', 'Save entry', save, { variant: 'primary' }),
        text('past', 'Past entries', { variant: 'label' }),
        list('entries', { variant: 'striped' }),
      ],
      ...kept,
    };
  },
});

export const contacts = defineKind({
  id: 'contacts',
  name: 'Contacts',
  icon: '📇',
  category: 'productivity',
  keywords: { contact: 4, 'address book': 4, phonebook: 4, 'phone book': 4, people: 1, friend: 1, crm: 3, rolodex: 4 },
  params: (s: Sentence) => ({ fields: namesOr(fieldsOf(s).filter((f) => !/^(contacts?|list|app|search)$/.test(f)), ['name', 'phone', 'email']) }),
  describe: (p) => `fields ${p.fields.join(', ')}`,
  build: (p) => {
    const r = recordApp({ fields: p.fields, listId: 'contacts', addLabel: 'Add contact' });
    return { description: `Contacts with ${p.fields.join(', ')}, kept between runs.`, components: r.components, lifecycle: r.lifecycle };
  },
});

export const bookmarks = defineKind({
  id: 'bookmarks',
  name: 'Bookmarks',
  icon: '🔖',
  category: 'productivity',
  keywords: { bookmark: 4, 'reading list': 3, links: 2, link: 2, favorites: 2, 'saved sites': 3, url: 1 },
  params: (s: Sentence) => ({ tags: /\b(tags?|categor|folders?|labels?)/.test(s.text) }),
  build: (p) => {
    const r = recordApp({ fields: ['title', 'url', ...(p.tags ? ['tags'] : [])], listId: 'bookmarks', addLabel: 'Save link' });
    return { description: `Bookmarks with title and URL${p.tags ? ' and tags' : ''}, kept between runs.`, components: r.components, lifecycle: r.lifecycle };
  },
});

/** Names after "categories"/"for", or the usual ones. */
const DEFAULT_CATEGORIES = ['food', 'transport', 'housing', 'fun', 'other'];

export const expenseTracker = defineKind({
  id: 'expense-tracker',
  name: 'Expense Tracker',
  icon: '💸',
  category: 'productivity',
  keywords: { expense: 4, spending: 4, budget: 3, 'money tracker': 3, spend: 2, cost: 1, purchase: 1, finance: 2, tracker: 1 },
  params: (s: Sentence) => {
    const cats = listAfter(s, ['categories', 'categories like', 'category', 'for', 'on'], { maxWords: 2 }).filter((c) => !/^(me|my|month|week|year|expenses?|the)$/.test(c));
    return { categories: cats.length >= 2 ? cats.slice(0, 8) : DEFAULT_CATEGORIES, asked: cats.length >= 2, budget: /\bbudget\b/.test(s.text) };
  },
  describe: (p) => (p.asked ? `categories ${p.categories.join(', ')}` : undefined),
  build: (p) => {
    const cats = p.categories;
    // The select holds an index; its name for the list is picked by the same index.
    const name = cats.reduceRight((acc, c, i) => (i === cats.length - 1 ? JSON.stringify(c) : `({{category}} == ${i} ? ${JSON.stringify(c)} : ${acc})`), '');
    const totalOf = (c: string) => `total-${slug(c)}`;
    const add: ToolBinding[] = [
      tool.expr('category-name', name),
      tool.listAdd('expenses', { description: ref('description'), amount: ref('amount'), category: ref('category-name'), text: `${ref('category-name')} · ${ref('description')} · ${ref('amount')}` }),
      tool.compute('total', 'round({{total}} + {{amount}}, 2)'),
      ...cats.map((c, i) => tool.compute(totalOf(c), `round({{${totalOf(c)}}} + ({{category}} == ${i} ? {{amount}} : 0), 2)`)),
      ...(p.budget ? [tool.compute('left', 'round({{budget}} - {{total}}, 2)')] : []),
      tool.clear('description'),
      tool.clear('amount'),
      tool.persist(),
    ];
    const zero: ToolBinding[] = [tool.set('total', 0), ...cats.map((c) => tool.set(totalOf(c), 0))];
    return {
      description: `Log expenses by category (${cats.join(', ')}) and see totals${p.budget ? ' against a budget' : ''}. Kept between runs.`,
      components: [
        row('add-row', [
          input('description', { placeholder: 'What for?' }),
          input('amount', { type: 'number', placeholder: 'Amount' }),
          select('category', cats.map((c, i) => ({ label: titleCase(c), value: String(i) })), '0'),
          button('add', 'Add', add, { variant: 'primary' }),
        ]),
        ...(p.budget ? [row('budget-row', [field('budget', 'Monthly budget', input('budget', { type: 'number', value: '1000' })), field('left', 'Left', text('left', '—', { weight: 'bold' }))])] : []),
        card('totals', 'Totals', [
          row('total-row', [text('total-label', 'All'), text('total', '0', { weight: 'bold' })]),
          ...cats.map((c) => row(`row-${slug(c)}`, [text(`label-${slug(c)}`, titleCase(c)), text(totalOf(c), '0')])),
        ]),
        list('expenses', { variant: 'striped' }),
        button('reset', 'Start over', [tool.listClear('expenses'), ...zero, tool.persist()], { variant: 'ghost' }),
      ],
      lifecycle: { on_mount: [...zero, tool.restore()] },
    };
  },
});

export const habitTracker = defineKind({
  id: 'habit-tracker',
  name: 'Habit Tracker',
  icon: '📅',
  category: 'productivity',
  keywords: { habit: 4, streak: 3, routine: 2, 'daily goal': 2, 'habit tracker': 2, tracker: 1 },
  params: (s: Sentence) => {
    const found = listAfter(s, ['habits', 'habits like', 'for', 'like', 'tracking', 'track'], { maxWords: 3 }).filter((h) => !/^(me|my|habits?|daily|every day)$/.test(h));
    return { habits: found.length ? found.slice(0, 8) : ['exercise', 'read', 'drink water'], asked: found.length > 0 };
  },
  describe: (p) => (p.asked ? `habits ${p.habits.join(', ')}` : undefined),
  build: (p) => {
    const rows: Component[] = p.habits.map((h) => {
      const id = slug(h);
      return row(`habit-${id}`, [
        text(`name-${id}`, titleCase(h), { weight: 'bold' }),
        text(`streak-${id}`, '0', { color: 'accent' }),
        text(`days-${id}`, 'day streak', { color: 'muted' }),
        button(`done-${id}`, 'Done today', [tool.compute(`streak-${id}`, `{{streak-${id}}} + 1`), tool.persist()], { variant: 'primary', size: 'small' }),
        button(`miss-${id}`, 'Missed', [tool.set(`streak-${id}`, 0), tool.persist()], { variant: 'ghost', size: 'small' }),
      ]);
    });
    return {
      description: `Keep streaks for ${p.habits.join(', ')}; kept between runs.`,
      components: [caption('how', 'Press "Done today" each day you keep a habit.'), card('habits', 'Habits', rows)],
      lifecycle: { on_mount: [...p.habits.map((h) => tool.set(`streak-${slug(h)}`, 0)), tool.restore()] },
    };
  },
});

export const kanban = defineKind({
  id: 'kanban',
  name: 'Kanban Board',
  icon: '🗂️',
  category: 'productivity',
  keywords: { kanban: 5, board: 1, trello: 4, 'scrum board': 4, sprint: 2, backlog: 3, 'task board': 4, workflow: 1 },
  params: (s: Sentence) => {
    const cols = listAfter(s, ['columns', 'lanes', 'stages', 'swimlanes', 'with'], { maxWords: 2 }).filter((c) => !/^(cards?|tasks?|columns?)$/.test(c));
    const found = cols.length >= 2 ? cols : listBefore(s, ['columns', 'lanes', 'stages'], { maxWords: 2 });
    return { columns: found.length >= 2 ? found.slice(0, 6) : ['to do', 'doing', 'done'], asked: found.length >= 2 };
  },
  describe: (p) => (p.asked ? `columns ${p.columns.join(', ')}` : undefined),
  build: (p) => {
    const ids = p.columns.map((c) => `col-${slug(c)}`);
    const columns = p.columns.map((c, i) => {
      const id = ids[i]!;
      const next = ids[i + 1];
      const add: ToolBinding[] = [tool.listAdd(id, ref(`new-${id}`)), tool.clear(`new-${id}`), tool.persist()];
      // Selecting a card moves it one column right; in the last column it is archived.
      const move: ToolBinding[] = next ? [tool.expr('moving', clickedItem(id)), tool.listAdd(next, ref('moving')), tool.listRemove(id), tool.persist()] : [tool.listRemove(id), tool.persist()];
      return card(`card-${id}`, titleCase(c), [list(id, {}, move), row(`add-${id}`, [input(`new-${id}`, { placeholder: 'New card' }, { submit: add }), button(`add-btn-${id}`, '+', add)])]);
    });
    return {
      description: `A kanban board with ${p.columns.join(' → ')}; select a card to move it right. Kept between runs.`,
      layout: 'horizontal',
      components: [row('board', columns, { gap: 2 }), caption('how', 'Select a card to move it to the next column; in the last column it is archived.')],
      ...kept,
    };
  },
});

export const LIST_KINDS = [todo, shoppingList, markdownNotes, notes, journal, contacts, bookmarks, expenseTracker, habitTracker, kanban];
