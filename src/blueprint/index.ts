/** The Blueprint package: import from here. */
export * from './types.js';
export { parseBlueprint, checkBlueprint, loadBlueprintFile, validateBlueprint, MAX_BLUEPRINT_BYTES, type ParseOptions } from './parse.js';
export { BlueprintError, isBlueprintError, formatIssue, type BlueprintIssue } from './errors.js';
export { setKnownTools, SERVICE_TOOLS, TOOL_ID, type KnownTool, type KnownToolsInput } from './known-tools.js';
export { blueprintJsonSchema, BlueprintSchema, ComponentSchema, ToolBindingSchema, COMPONENT_ID, APP_ID, PERMISSION_NAMES } from './schema.js';
export { COMPONENT_PROPS, CONTAINER_TYPES, EVENT_NAMES, PRIMARY_PROP, TYPE_ALIASES, propNames, propSchema } from './components.js';
export {
  resolveBindings, substituteBindings, wholeBinding, isBindingText, stateKeysRead, boundStateKey, forEachBinding,
  TWO_WAY_PROPS, RUNTIME_ROOTS, type BindingScope, type BindingRef,
} from './bindings.js';
export { parseKeyName, NAMED_KEYS, MODIFIERS } from './keys.js';
