// Public exports of src/value/ (owned by the module authors of this folder).
export {};
