//! The document header: unit, year and money unit.

use crate::app::Dispatch;
use crate::components::field_input::FieldInput;
use crate::state::Messages;
use hedui_core::FieldPath;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub unit_code: AttrValue,
    pub unit_name: AttrValue,
    pub year: AttrValue,
    pub money_unit: AttrValue,
    pub messages: Rc<Messages>,
    pub dispatch: Dispatch,
}

#[function_component(HeaderCard)]
pub fn header_card(props: &Props) -> Html {
    let field = |path: FieldPath, label: &'static str, value: &AttrValue| {
        html! {
            <FieldInput {path} label={label} value={value.clone()} messages={props.messages.get(&path).cloned()}
                dispatch={props.dispatch.clone()} />
        }
    };
    html! {
        <section class="card header-card" aria-label="单位信息">
            <div class="row">
                { field(FieldPath::UNIT_CODE, "单位编码", &props.unit_code) }
                { field(FieldPath::UNIT_NAME, "单位名称", &props.unit_name) }
                { field(FieldPath::YEAR, "预算年度", &props.year) }
                { field(FieldPath::MONEY_UNIT, "金额单位", &props.money_unit) }
            </div>
        </section>
    }
}
