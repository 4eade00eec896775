import '@testing-library/jest-dom';

// Pages with several charts take seconds to render in jsdom on a busy 2-core CI machine.
jest.setTimeout(20_000);
