global using HedgeMath.Engine;
global using HedgeMath.Hedging;
global using HedgeMath.Margin;
global using HedgeMath.Market;
global using HedgeMath.Positions;
global using HedgeMath.Scenarios;
global using HedgeMath.Signals;
