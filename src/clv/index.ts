// Public exports of src/clv/ (owned by the module authors of this folder).
export {};
