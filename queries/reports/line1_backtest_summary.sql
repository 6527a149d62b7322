-- grain: one row: how far past Lijn 1 forecasts were off, against a seasonal-naive forecast
-- used by: vakantiepieken (the accuracy sentence under the forecast)
SELECT * FROM mart_line1_backtest_summary
