// Public exports of src/math/ (owned by the module authors of this folder).
export {};
