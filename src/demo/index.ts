// Public exports of src/demo/ (owned by the module authors of this folder).
export {};
