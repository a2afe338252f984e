import { describe, expect, it } from 'vitest';
import { durations, fieldsOf, listAfter, percentages, titleOf, topicOf, urlOf } from '../../src/ai/templates/params.js';
import { readSentence } from '../../src/ai/templates/sentence.js';

const s = readSentence;

describe('reading details from a sentence', () => {
  it('percentages in any of the usual spellings', () => {
    expect(percentages(s('tip buttons for 15, 18 and 20 percent'))).toEqual([15, 18, 20]);
    expect(percentages(s('10% 12.5% or 15%'))).toEqual([10, 12.5, 15]);
    expect(percentages(s('split between 3 people at 20 percent'))).toEqual([20]);
    expect(percentages(s('a calculator with 4 buttons'))).toEqual([]);
  });

  it('durations with their labels, number words included', () => {
    expect(durations(s('25 minutes of work and 5 minute breaks')).map((d) => [d.ms, d.label])).toEqual([[1_500_000, 'work'], [300_000, 'break']]);
    expect(durations(s('a ninety second countdown')).map((d) => d.ms)).toEqual([90_000]);
    expect(durations(s('one hour timer')).map((d) => d.ms)).toEqual([3_600_000]);
    expect(durations(s('run 10 km')).map((d) => d.ms)).toEqual([]);
  });

  it('named fields, before or after the word "fields"', () => {
    expect(fieldsOf(s('a form with fields name, email and phone'))).toEqual(['name', 'email', 'phone']);
    expect(fieldsOf(s('a contact list with name, email and phone number fields'))).toEqual(['name', 'email', 'phone number']);
    expect(fieldsOf(s('track my workouts: exercise, sets, reps and weight'))).toEqual(['exercise', 'sets', 'reps', 'weight']);
  });

  it('lists after a cue, ending where the sentence moves on', () => {
    expect(listAfter(s('kanban with columns todo, doing and done that saves'), ['columns'])).toEqual(['todo', 'doing', 'done']);
  });

  it('titles, URLs and topics', () => {
    expect(titleOf(s('a todo app called "Errands"'))).toBe('Errands');
    expect(titleOf(s('a budget app named Money Buddy'))).toBe('Money Buddy');
    expect(urlOf(s('dashboard for https://api.example.com/v1/data.json, please'))).toBe('https://api.example.com/v1/data.json');
    expect(topicOf(s('a quiz about world capitals'))).toBe('world capitals');
  });
});
