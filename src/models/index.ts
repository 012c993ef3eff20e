// Public exports of src/models/ (owned by the module authors of this folder).
export {};
