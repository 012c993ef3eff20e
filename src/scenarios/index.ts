// Public exports of src/scenarios/ (owned by the module authors of this folder).
export {};
