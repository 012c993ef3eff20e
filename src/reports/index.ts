// Public exports of src/reports/ (owned by the module authors of this folder).
export {};
